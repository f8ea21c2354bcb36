import { showControlCharacters, withControlCharactersShown } from '../util/control-characters.js';
import path from 'node:path';
import { Chalk, type ChalkInstance } from 'chalk';
import { ExitCode, UsageError } from '../errors.js';
import { gatherFacts } from '../facts/gather.js';
import type { LicenseFacts, LicenseInventory, LicenseInventoryEntry } from '../licenses/types.js';
import { DEFAULT_MAX_FILE_BYTES, DEFAULT_TIMEOUT_SECONDS } from '../defaults.js';
import { decodeText } from '../source/decode.js';
import { readRegularFile } from '../util/read-file.js';
import { useColor } from './check-command.js';
import type { LicensesCommandOptions } from './main.js';

/** `dpg-check licenses`: the licence engine's view of a repository, or of one file with --diff. */
export async function runLicensesCommand(target: string, options: LicensesCommandOptions): Promise<number> {
  const { identifyLicenseText, differenceFromClosest } = await import('../licenses/text/identify.js');
  if (options.diff) return showDifference(target, options, differenceFromClosest);
  // Any target check takes: a folder, github:OWNER/REPO (the API, or git with a token-less clone) or a git URL.
  const { openTarget } = await import('../app/open-target.js');
  const source = await openTarget(target, { maxFileBytes: DEFAULT_MAX_FILE_BYTES, timeoutSeconds: DEFAULT_TIMEOUT_SECONDS });
  try {
    const facts = await gatherFacts(source, { identifyLicenseText });
    const licenses = facts.licenses;
    const output =
      options.format === 'json'
        ? `${JSON.stringify(toJson(licenses), null, 2)}\n`
        : formatLicenses(withControlCharactersShown(licenses), useColor(options.color));
    process.stdout.write(output);
    return ExitCode.Ready;
  } finally {
    await source.dispose();
  }
}

function toJson(licenses: LicenseFacts): Record<string, unknown> {
  const { expression, parts, reasoning, files, declarations, notices, conflicts, inventory } = licenses;
  return { expression, parts, reasoning, files, declarations, notices, conflicts, inventory };
}

/** What the weakest part of the expression rests on, when it is less than a licence text. */
function weakestEvidence(licenses: LicenseFacts): string {
  const weak = licenses.parts.filter((part) => part.evidence !== 'text');
  if (weak.length === 0) return '';
  const kinds = [
    ...new Set(
      weak.map((part) =>
        part.from === 'declaration'
          ? 'a declaration'
          : part.from === 'readme'
            ? 'a README statement'
            : part.from === 'notice'
              ? 'a COPYRIGHT notice'
              : 'a notice file',
      ),
    ),
  ];
  return ` (${weak.length === licenses.parts.length ? '' : 'partly '}from ${kinds.join(' and ')}: weaker evidence than a licence text)`;
}

function formatLicenses(licenses: LicenseFacts, color: boolean): string {
  const chalk = new Chalk({ level: color ? 1 : 0 });
  const lines: string[] = [`${chalk.bold('Licence:')} ${licenses.expression}${chalk.yellow(weakestEvidence(licenses))}`];
  for (const reason of licenses.reasoning) lines.push(chalk.dim(`  ${reason}`));
  lines.push('', chalk.bold('Licence files'));
  if (licenses.files.length === 0) lines.push('  none');
  for (const file of licenses.files) {
    const notes = [
      file.alternatives?.length ? `same text as ${file.alternatives.join(', ')}` : '',
      file.role && file.role !== 'licence' ? file.role : '',
      file.noticeKind ? 'a notice, not the licence text' : '',
      file.covers ? `covers the ${file.covers} (file name)` : '',
      file.scope === 'folder' ? 'its folder only' : '',
    ].filter(Boolean);
    const detail = file.unreadable ? `not read: ${file.unreadable}` : [`${file.matcher}, ${file.confidence}%`, ...notes].join('; ');
    lines.push(`  ${file.path.padEnd(30)} ${file.spdx.padEnd(20)} ${chalk.dim(detail)}`);
  }
  lines.push('', chalk.bold('Declarations'));
  if (licenses.declarations.length === 0) lines.push('  none');
  for (const declaration of licenses.declarations) {
    const where = declaration.line !== undefined ? `${declaration.path}:${declaration.line}` : declaration.path;
    lines.push(
      `  ${where.padEnd(30)} ${declaration.expression.padEnd(20)} ${chalk.dim(declaration.raw !== declaration.expression ? `written "${declaration.raw}"` : '')}`,
    );
    for (const note of declaration.notes) lines.push(chalk.dim(`    ${note}`));
  }
  if (licenses.notices.length > 0) {
    lines.push('', chalk.bold('Notices'));
    for (const notice of licenses.notices) {
      const about = notice.covers ? `the ${notice.covers}: ` : notice.part ? `${notice.part}: ` : '';
      const either = notice.alternatives?.length ? ` (or ${notice.alternatives.join(', ')})` : '';
      lines.push(
        `  ${(notice.line !== undefined ? `${notice.path}:${notice.line}` : notice.path).padEnd(30)} ${notice.spdx.padEnd(20)} ${chalk.dim(`${about}${notice.kind}${either}: ${notice.excerpt}`)}`,
      );
    }
  }
  lines.push(...formatInventory(licenses.inventory, chalk));
  lines.push('', chalk.bold('Conflicts'));
  if (licenses.conflicts.length === 0) lines.push('  none');
  for (const conflict of licenses.conflicts) {
    const where = conflict.line !== undefined ? `${conflict.path}:${conflict.line}` : conflict.path;
    const what =
      conflict.kind === 'declared-not-found'
        ? `declares ${conflict.id}, which no licence file holds`
        : conflict.kind === 'notice-contradicts-files'
          ? `says ${conflict.id}, which no licence file holds`
          : `holds ${conflict.id}, which nothing declares`;
    lines.push(`  ${chalk.yellow('!')} ${where} ${what} (files: ${conflict.found})`);
  }
  return `${lines.join('\n')}\n`;
}

const INVENTORY_KIND: Record<LicenseInventoryEntry['kind'], string> = {
  'licence-file': 'licence file',
  'reuse-toml': 'REUSE.toml',
  dep5: 'dep5',
  sidecar: '.license file',
  card: 'card',
  'spdx-header': 'SPDX header',
  'rights-notice': 'rights notice',
};

/** How many vendored licence files are shown by path before the rest are counted. */
const VENDORED_SHOWN = 10;

/** The per-file inventory: what each place in the tree licenses, apart from the project's own licence. */
function formatInventory(inventory: LicenseInventory, chalk: ChalkInstance): string[] {
  const lines = ['', chalk.bold('Inventory (every licence statement in the tree)')];
  if (inventory.entries.length === 0) lines.push('  none');
  for (const entry of inventory.entries) {
    const where = entry.line !== undefined ? `${entry.path}:${entry.line}` : entry.path;
    const applies = entry.appliesTo.length === 0 ? '' : entry.appliesTo.map((target) => (target === '' ? 'the repository' : target)).join(', ');
    const part = entry.part
      ? `the ${entry.part.replace('-', ' ')} (by its ${entry.partFrom === 'file-name' ? 'file name' : entry.partFrom === 'files' ? 'files' : (entry.partFrom ?? 'name')})`
      : '';
    const detail = [
      INVENTORY_KIND[entry.kind],
      applies && `for ${applies}`,
      part,
      entry.written && entry.written !== entry.spdx ? `written "${entry.written}"` : '',
      entry.excerpt ? `"${entry.excerpt}"` : '',
    ]
      .filter(Boolean)
      .join('; ');
    lines.push(`  ${where.padEnd(30)} ${(entry.kind === 'rights-notice' ? 'rights reserved' : entry.spdx).padEnd(20)} ${chalk.dim(detail)}`);
  }
  for (const problem of inventory.problems)
    lines.push(`  ${chalk.yellow('!')} ${problem.line !== undefined ? `${problem.path}:${problem.line}` : problem.path} ${problem.message}`);
  if (inventory.truncated) lines.push(chalk.dim('  (more licence files than are read: the first are listed)'));
  if (inventory.vendored.length > 0) {
    lines.push(
      '',
      chalk.bold(`Vendored and test-data licence files (${inventory.vendored.length}${inventory.truncated ? '+' : ''}, not the project's; not read)`),
    );
    for (const path of inventory.vendored.slice(0, VENDORED_SHOWN)) lines.push(`  ${path}`);
    if (inventory.vendored.length > VENDORED_SHOWN)
      lines.push(chalk.dim(`  and ${inventory.vendored.length - VENDORED_SHOWN} more (--format json lists them all)`));
  }
  return lines;
}

/** At most this much of a --diff file is compared: licence texts are far shorter. */
const MAX_DIFF_BYTES = 1024 * 1024;

async function showDifference(
  target: string,
  options: LicensesCommandOptions,
  difference: typeof import('../licenses/text/identify.js').differenceFromClosest,
): Promise<number> {
  // --diff FILE is read relative to the target folder when it is not found as given.
  const candidates = [options.diff as string, path.join(target, options.diff as string)];
  let bytes: Buffer | undefined;
  let used = '';
  for (const candidate of candidates) {
    // A licence text is a few kilobytes: a link to /dev/zero, a FIFO or a huge file is never read whole.
    const read = await readRegularFile(candidate, MAX_DIFF_BYTES);
    if (read.ok) {
      bytes = read.bytes;
      used = candidate;
      break;
    }
    if (read.reason !== 'missing') throw new UsageError(`Cannot read ${candidate}: ${read.detail}`);
  }
  if (!bytes) throw new UsageError(`File not found: ${options.diff}`);
  const decoded = decodeText(bytes);
  if (decoded.binary) throw new UsageError(`${used} is a binary file, not a licence text`);
  const result = difference(decoded.text);
  if (options.format === 'json') {
    process.stdout.write(`${JSON.stringify({ file: used, ...(result ?? { spdx: null }) }, null, 2)}\n`);
    return ExitCode.Ready;
  }
  const chalk = new Chalk({ level: useColor(options.color) ? 1 : 0 });
  if (!result) {
    process.stdout.write(`${used} is not close to any licence of the SPDX list.\n`);
    return ExitCode.Ready;
  }
  const lines = [`${used} compared with ${chalk.bold(result.spdx)} (${result.confidence}% similar; words compared after normalisation):`];
  if (result.tooDifferent) lines.push('  the texts differ too much for a word-by-word comparison');
  else if (result.changes.length === 0) lines.push('  no difference: the text is the licence');
  for (const change of result.changes) {
    lines.push(change.kind === 'added' ? chalk.green(`  + ${showControlCharacters(change.text)}`) : chalk.red(`  - ${showControlCharacters(change.text)}`));
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return ExitCode.Ready;
}
