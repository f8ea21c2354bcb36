import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type correctSpdxFunction from 'spdx-correct';
import parseSpdx from 'spdx-expression-parse';
import { packageFileUrl } from '../util/package-files.js';
import { licenseFromName } from './names.js';
import { currentSpdxIds, deprecatedSpdxIds } from './spdx-list.js';

const DEPRECATED_IDS = new Set<string>(deprecatedSpdxIds());
const CURRENT_IDS = new Set<string>(currentSpdxIds());

/** The parse tree of an SPDX expression, as spdx-expression-parse returns it. */
export type SpdxNode = { license: string; plus?: boolean; exception?: string } | { left: SpdxNode; conjunction: 'and' | 'or'; right: SpdxNode };

/**
 * Deprecated ids that are not simply "`<id>-only`": the GNU ids with an exception folded into the id.
 * (A bare `GPL-3.0` means `GPL-3.0-only` under the SPDX list; spdx-correct guesses `-or-later`, which
 * would overstate what the project granted, so deprecated ids are mapped here first. The bare id
 * is nonetheless ambiguous in practice: projects wrote it for either, so `alternatives` lists the
 * -or-later id, which a licence text of either variant matches.)
 */
const DEPRECATED_WITH_EXCEPTION: Record<string, string> = {
  'GPL-2.0-with-GCC-exception': 'GPL-2.0-only WITH GCC-exception-2.0',
  'GPL-2.0-with-autoconf-exception': 'GPL-2.0-only WITH Autoconf-exception-2.0',
  'GPL-2.0-with-bison-exception': 'GPL-2.0-only WITH Bison-exception-2.2',
  'GPL-2.0-with-classpath-exception': 'GPL-2.0-only WITH Classpath-exception-2.0',
  'GPL-2.0-with-font-exception': 'GPL-2.0-only WITH Font-exception-2.0',
  'GPL-3.0-with-GCC-exception': 'GPL-3.0-only WITH GCC-exception-3.1',
  'GPL-3.0-with-autoconf-exception': 'GPL-3.0-only WITH Autoconf-exception-3.0',
};

const MAX_EXPRESSION_LENGTH = 1000;

export interface NormalizedExpression {
  /** A valid expression over current SPDX ids, or `NOASSERTION`. */
  expression: string;
  notes: string[];
  tree?: SpdxNode;
  /**
   * The -or-later ids that the expression's deprecated bare GNU ids (or GNU names without "only" or
   * "or later") may mean as well as the -only ids they are read as.
   */
  alternatives?: string[];
}

export function isKnownLicenseId(id: string): boolean {
  return CURRENT_IDS.has(id) || DEPRECATED_IDS.has(id) || id.startsWith('LicenseRef-');
}

/**
 * Turns what a project wrote (`GPL-3.0`, `Apache 2`, `MIT OR Apache-2.0`) into a current SPDX
 * expression, saying what was changed. Never throws.
 */
export function normalizeExpression(raw: string): NormalizedExpression {
  const text = raw.trim();
  const notes: string[] = [];
  // Real expressions are a few dozen characters; parsing a huge one is slow and proves nothing.
  if (text.length > MAX_EXPRESSION_LENGTH)
    return { expression: 'NOASSERTION', notes: [`a licence expression of ${text.length} characters is not read (at most ${MAX_EXPRESSION_LENGTH})`] };
  if (text === '' || /^(NONE|NOASSERTION|UNLICENSED|SEE LICENSE IN .*)$/i.test(text)) {
    return { expression: 'NOASSERTION', notes: [`"${text}" names no SPDX licence`] };
  }
  let tree = tryParse(text);
  // "MIT/Apache-2.0": the old Cargo (and npm) way of writing a choice.
  if (!tree && /^[\w.+-]+(\s*\/\s*[\w.+-]+)+$/.test(text)) {
    const choice = text
      .split('/')
      .map((part) => part.trim())
      .join(' OR ');
    tree = tryParse(choice);
    if (tree) notes.push(`"${text}" read as ${choice}`);
  }
  const alternatives: string[] = [];
  // A licence's name ("GNU AGPLv3", "Eclipse Public License 2.0") is read from dpg-check's own table
  // first: spdx-correct guesses -or-later for GNU names and misreads some others.
  const named = tree || /\b(AND|OR|WITH)\b/.test(text) ? undefined : licenseFromName(text);
  if (named) {
    tree = tryParse(named.spdx);
    if (tree) {
      notes.push(
        `"${text}" is not an SPDX id; read as ${named.spdx}${named.alternatives ? `, and a licence text of ${named.alternatives.join(' or ')} matches it as well: the name does not say whether later versions are allowed` : ''}`,
      );
      alternatives.push(...(named.alternatives ?? []));
    }
  }
  // Correction is for a single misspelt id ("Apache 2"); an expression with operators is not guessed at.
  if (!tree && !/\b(AND|OR|WITH)\b/.test(text)) {
    const corrected = safeCorrect(text);
    const deprecatedTarget = corrected && DEPRECATED_IDS.has(corrected) ? corrected : undefined;
    if (corrected && (deprecatedTarget || CURRENT_IDS.has(corrected))) {
      tree = tryParse(corrected);
      if (tree) notes.push(`"${text}" is not an SPDX id; read as ${corrected}`);
    }
  }
  if (!tree) return { expression: 'NOASSERTION', notes: [`"${text}" is not a valid SPDX expression`] };
  const upgraded = upgradeTree(tree, notes, alternatives);
  return { expression: serialize(upgraded), notes, tree: upgraded, ...(alternatives.length > 0 ? { alternatives: [...new Set(alternatives)] } : {}) };
}

let correctSpdx: typeof correctSpdxFunction | undefined;

/**
 * spdx-correct, loaded on first use: loading it sorts its tables, which costs more than most runs ever
 * need it. The build bundles it into generated/spdx-correct.cjs (scripts/build-spdx-list.js), which the
 * bundles carry; a checkout that was never built loads the package.
 */
function loadSpdxCorrect(): typeof correctSpdxFunction {
  const require = createRequire(import.meta.url);
  try {
    return require(fileURLToPath(packageFileUrl('generated/spdx-correct.cjs'))) as typeof correctSpdxFunction;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw error;
    return require('spdx-correct') as typeof correctSpdxFunction;
  }
}

/** spdx-correct throws on some inputs (a lone "+"); a guess that fails is no guess. */
function safeCorrect(text: string): string | null {
  correctSpdx ??= loadSpdxCorrect();
  try {
    return correctSpdx(text, { upgrade: false });
  } catch {
    return null;
  }
}

function tryParse(text: string): SpdxNode | undefined {
  try {
    return parseSpdx(text) as SpdxNode;
  } catch {
    return undefined;
  }
}

function upgradeTree(node: SpdxNode, notes: string[], alternatives: string[]): SpdxNode {
  if ('conjunction' in node) {
    return { left: upgradeTree(node.left, notes, alternatives), conjunction: node.conjunction, right: upgradeTree(node.right, notes, alternatives) };
  }
  const { license, plus, exception } = node;
  const folded = DEPRECATED_WITH_EXCEPTION[license];
  if (folded) {
    const later = folded.replace(/-only /, '-or-later ').split(' ')[0] as string;
    notes.push(`deprecated id ${license} ${ambiguity(folded, later)}`);
    alternatives.push(later);
    return parseSpdx(folded) as SpdxNode;
  }
  const onlyId = `${license}-only`;
  const laterId = `${license}-or-later`;
  if (plus && CURRENT_IDS.has(laterId)) {
    notes.push(`${license}+ read as ${laterId}`);
    return withException(laterId, exception);
  }
  if (DEPRECATED_IDS.has(license) && CURRENT_IDS.has(onlyId)) {
    notes.push(`deprecated id ${license} ${ambiguity(onlyId, laterId)}`);
    if (CURRENT_IDS.has(laterId)) alternatives.push(laterId);
    return withException(onlyId, exception);
  }
  return node;
}

/** What a bare GNU id means: SPDX's reading, and the variant it is as often written for. */
function ambiguity(only: string, later: string): string {
  return `does not say whether later versions are allowed: read as ${only} (as SPDX defines it), and a licence text of ${later} matches it as well`;
}

function withException(license: string, exception: string | undefined): SpdxNode {
  return exception ? { license, exception } : { license };
}

export function serialize(node: SpdxNode, parent?: 'and' | 'or'): string {
  if ('conjunction' in node) {
    const text = `${serialize(node.left, node.conjunction)} ${node.conjunction.toUpperCase()} ${serialize(node.right, node.conjunction)}`;
    return parent && parent !== node.conjunction ? `(${text})` : text;
  }
  return `${node.license}${node.plus ? '+' : ''}${node.exception ? ` WITH ${node.exception}` : ''}`;
}

/** The licence ids an expression mentions, without exceptions. */
export function licenseIds(node: SpdxNode): string[] {
  if ('conjunction' in node) return [...licenseIds(node.left), ...licenseIds(node.right)];
  return [node.license];
}
