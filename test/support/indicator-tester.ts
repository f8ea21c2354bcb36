/**
 * An indicator tester in the style of ESLint's RuleTester. Each case is a small repository held in
 * memory; its facts are gathered the real way (`gatherFacts` over a `RepositorySource`, with the real
 * licence text identifier), and only the indicator under test is run on them:
 *
 *   testIndicator(licenseIndicator, {
 *     valid: [{ name: 'MIT software', files: { LICENSE: licenseText('MIT') }, manifest: { ... } }],
 *     invalid: [{ name: 'MIT for a data set', files: { ... }, manifest: { ... }, expect: ['license/not-approved'] }],
 *   });
 *
 * - A `valid` case passes when the indicator returns no `fail` and no `warn` finding, and every code in
 *   its `expect` (pass, review or n/a codes) is among the findings.
 * - An `invalid` case passes when every finding in its `expect` is among the findings (with the status,
 *   message and evidence given, if given) and, unless `allowOtherFailures` is set, no `fail` finding
 *   outside its `expect` was returned. It must expect at least one fail, warn or review code.
 *
 * A failure names the indicator, the case and the codes expected and found, with each finding's
 * rendered message and evidence. A case is a repository in a few lines: `files` (text, bytes for a
 * binary or a UTF-16 file, `{ unreadable: 'outside-repository' }` for a link out of the repository) and
 * `manifest` (written as dpg.yaml); `withoutRepository` checks the manifest on its own. A manifest the
 * schema refuses fails the case (its refused values would silently be missing), unless
 * `allowManifestProblems` is set. `factsOf` and `MemorySource` serve tests beyond one indicator (the
 * whole report over an in-memory repository: `buildReport(await factsOf(...), ...)`).
 */
import { createRequire } from 'node:module';
import { describe, it } from 'vitest';
import { stringify } from 'yaml';
import { gatherFacts } from '../../src/facts/gather.js';
import type { Facts } from '../../src/facts/types.js';
import { renderTemplate, type Evidence, type FindingDraft, type FindingStatus } from '../../src/findings.js';
import type { IndicatorModule } from '../../src/indicators/types.js';
import { identifyLicenseText } from '../../src/licenses/text/identify.js';
import { parseManifest } from '../../src/manifest/load.js';
import { decodeText } from '../../src/source/decode.js';
import type { FileReadProblem, FileText, RepositorySource, SourceDescription } from '../../src/source/types.js';
import { FoundText, proseProblem } from './prose-args.js';

/** A file that cannot be read safely: what a local source returns for a link out of the repository, a FIFO, no permission. */
export interface UnreadableFile {
  unreadable: Exclude<FileReadProblem['reason'], 'missing'>;
  detail?: string;
}

/** A file's content: text (stored as UTF-8), raw bytes (a binary, a UTF-16 text with its BOM) or a file that cannot be read. */
export type FileContent = string | Uint8Array | UnreadableFile;

export interface ExpectedFinding {
  code: string;
  /** The code's status (fixed per code: a guard against expecting a code for the wrong reason). */
  status?: FindingStatus;
  /** The rendered message: equal to a string, or matching a regular expression. */
  message?: string | RegExp;
  /** Each entry must match (as a subset of its fields) one evidence entry of the finding. */
  evidence?: Array<Partial<Evidence>>;
}

export interface IndicatorCase {
  /** Unique within the indicator's cases; says what the repository is ("MIT for a data set"). */
  name: string;
  /** Paths relative to the repository root, `/`-separated. */
  files?: Record<string, FileContent>;
  /**
   * The dpg manifest, written as `dpg.yaml`: a string as it is; an object by `yaml`'s stringify, in block
   * style with one key or list item per line (`name:` on line 1), which is what evidence lines count.
   */
  manifest?: Record<string, unknown> | string;
  /** What the indicator must return: codes, or findings with the parts to compare. */
  expect?: Array<string | ExpectedFinding>;
  /** Check the manifest on its own, as `dpg-check check dpg.yaml` does: no repository, so no `files`. */
  withoutRepository?: boolean;
  /** Invalid cases only: fail findings not listed in `expect` are allowed. */
  allowOtherFailures?: boolean;
  /** Keep a manifest that does not follow the schema (by default such a case fails: the refused values would be silently removed). */
  allowManifestProblems?: boolean;
}

export interface IndicatorCases {
  valid: IndicatorCase[];
  invalid: IndicatorCase[];
}

/**
 * An in-memory repository: a `RepositorySource` with the local source's read contract (byte cap,
 * BOM/UTF-16, binary refusal, problems instead of exceptions). It lists every file it is given: no
 * ignore rules or skipped folders.
 */
export class MemorySource implements RepositorySource {
  readonly description: SourceDescription;
  private readonly files: Map<string, FileContent>;

  constructor(files: Record<string, FileContent>, name = 'in-memory', kind: 'local' | 'manifest' = 'local') {
    for (const file of Object.keys(files)) {
      if (file === '' || file.startsWith('/') || file.includes('\\') || file.split('/').some((part) => part === '' || part === '.' || part === '..')) {
        throw new Error(`${name}: "${file}" is not a relative, /-separated path inside the repository`);
      }
    }
    this.files = new Map(Object.entries(files));
    // No repositoryRoot: nothing is looked for in the folders above it (src/source/parent-files.ts), so nothing is read from disk.
    this.description = { kind, target: name, location: `/in-memory/${name.replace(/[^\w.-]+/g, '-')}` };
  }

  async listFiles(): Promise<string[]> {
    return [...this.files.keys()].sort();
  }

  async readText(path: string, maxBytes: number): Promise<FileText | FileReadProblem> {
    const content = this.files.get(path);
    if (content === undefined) return { path, reason: 'missing', detail: 'the file does not exist' };
    if (typeof content !== 'string' && !(content instanceof Uint8Array))
      return { path, reason: content.unreadable, detail: content.detail ?? describeProblem(content.unreadable) };
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    const decoded = decodeText(bytes.subarray(0, maxBytes));
    return { path, text: decoded.text, binary: decoded.binary, truncated: bytes.length > maxBytes, size: bytes.length };
  }

  async dispose(): Promise<void> {
    // Nothing was created.
  }
}

function describeProblem(reason: UnreadableFile['unreadable']): string {
  if (reason === 'outside-repository') return 'a symbolic link to a file outside the repository; not followed';
  if (reason === 'broken-link') return 'a symbolic link that points nowhere (or to itself)';
  if (reason === 'not-a-file') return 'not a regular file (a FIFO)';
  return 'permission denied';
}

/** The full text of an SPDX licence, as the SPDX licence list publishes it. */
export function licenseText(id: string): string {
  return (createRequire(import.meta.url)(`spdx-license-list/licenses/${id}.json`) as { licenseText: string }).licenseText;
}

/** The facts of an in-memory repository, gathered as `dpg-check check` gathers them. */
export async function factsOf(testCase: Pick<IndicatorCase, 'name' | 'files' | 'manifest' | 'withoutRepository'>): Promise<Facts> {
  const files: Record<string, FileContent> = { ...testCase.files };
  const manifestText =
    testCase.manifest === undefined ? undefined : typeof testCase.manifest === 'string' ? testCase.manifest : stringify(testCase.manifest, { lineWidth: 0 });
  if (testCase.withoutRepository) {
    if (Object.keys(files).length > 0 || manifestText === undefined)
      throw new Error(`case "${testCase.name}": a case without a repository has a manifest and no files`);
    // The manifest given on its own (`dpg-check check dpg.yaml`): a source with no files.
    return gatherFacts(new MemorySource({}, testCase.name, 'manifest'), { identifyLicenseText, manifest: parseManifest('dpg.yaml', manifestText, 'given') });
  }
  if (manifestText !== undefined) {
    if ('dpg.yaml' in files) throw new Error(`case "${testCase.name}": give the manifest either as \`manifest\` or as files['dpg.yaml'], not both`);
    files['dpg.yaml'] = manifestText;
  }
  const source = new MemorySource(files, testCase.name);
  try {
    return await gatherFacts(source, { identifyLicenseText });
  } finally {
    await source.dispose();
  }
}

/** Registers a `describe` block for the indicator with one test per case. */
export function testIndicator(indicator: IndicatorModule, cases: IndicatorCases): void {
  const names = new Set<string>();
  for (const testCase of [...cases.valid, ...cases.invalid]) {
    if (names.has(testCase.name)) throw new Error(`indicator ${indicator.meta.id}: two cases are named "${testCase.name}"`);
    names.add(testCase.name);
  }
  describe(`indicator ${indicator.meta.id}: ${indicator.meta.title}`, () => {
    describe('valid', () => {
      for (const testCase of cases.valid) it(testCase.name, () => runCase(indicator, testCase, 'valid'));
    });
    describe('invalid', () => {
      for (const testCase of cases.invalid) it(testCase.name, () => runCase(indicator, testCase, 'invalid'));
    });
  });
}

interface RenderedFinding {
  code: string;
  status: FindingStatus;
  message: string;
  evidence: Evidence[];
}

/** Runs one case; throws an error that names the case, what was expected and what was found. */
export async function runCase(indicator: IndicatorModule, testCase: IndicatorCase, kind: 'valid' | 'invalid'): Promise<void> {
  const title = `indicator ${indicator.meta.id}, ${kind} case "${testCase.name}"`;
  const expected = (testCase.expect ?? []).map((entry) => (typeof entry === 'string' ? { code: entry } : entry));
  for (const entry of expected) {
    const definition = indicator.codes[entry.code];
    if (!definition)
      throw new Error(`${title}: ${entry.code} is not a code of indicator ${indicator.meta.id} (its codes: ${Object.keys(indicator.codes).join(', ')})`);
    if (kind === 'valid' && (definition.status === 'fail' || definition.status === 'warn')) {
      throw new Error(`${title}: a valid case cannot expect ${entry.code}, a ${definition.status} code; move the case to invalid`);
    }
  }
  if (kind === 'invalid' && !expected.some((entry) => ['fail', 'warn', 'review'].includes(indicator.codes[entry.code]?.status ?? ''))) {
    throw new Error(`${title}: an invalid case must expect at least one fail, warn or review code`);
  }
  if (kind === 'valid' && testCase.allowOtherFailures) throw new Error(`${title}: allowOtherFailures is for invalid cases`);

  const facts = await factsOf(testCase);
  const problems = facts.manifest?.problems ?? [];
  if (problems.length > 0 && !testCase.allowManifestProblems) {
    throw new Error(
      `${title}: the manifest has problems, so some of its values were not read:\n${problems.map((problem) => `  ${problem.kind}: ${problem.message}`).join('\n')}`,
    );
  }
  const drafts = indicator.check(facts);
  const findings = drafts.map((draft) => render(indicator, draft));

  const failures: string[] = [];
  // Arguments are data (test/support/prose-args.ts): the case's files and manifest are what they may quote.
  const found = new FoundText([
    ...Object.entries(testCase.files ?? {}).flatMap(([file, content]) => [file, ...(typeof content === 'string' ? [content] : [])]),
    ...(typeof testCase.manifest === 'string' ? [testCase.manifest] : testCase.manifest ? [stringify(testCase.manifest, { lineWidth: 0 })] : []),
  ]);
  for (const draft of drafts)
    for (const [name, value] of Object.entries(draft.args ?? {})) {
      const problem = proseProblem(name, value, found);
      if (problem) failures.push(`${draft.code} has an argument that is prose, not data: ${problem}`);
    }
  for (const entry of expected) {
    const sameCode = findings.filter((finding) => finding.code === entry.code);
    if (sameCode.length === 0) {
      failures.push(`expected ${entry.code}, which was not returned`);
      continue;
    }
    const mismatches = sameCode.map((finding) => mismatch(entry, finding)).filter((reason): reason is string => reason !== undefined);
    if (mismatches.length === sameCode.length) failures.push(`expected ${describeExpected(entry)}, but ${mismatches.join('; and ')}`);
  }
  const listed = new Set(expected.map((entry) => entry.code));
  if (kind === 'valid') {
    for (const finding of findings)
      if (finding.status === 'fail' || finding.status === 'warn') failures.push(`expected no fail or warn finding, found ${finding.code} [${finding.status}]`);
  } else if (!testCase.allowOtherFailures) {
    for (const finding of findings)
      if (finding.status === 'fail' && !listed.has(finding.code)) failures.push(`expected no other fail finding, found ${finding.code}`);
  }
  if (failures.length > 0) {
    const found = findings.length === 0 ? '  (none)' : findings.map(describeFinding).join('\n');
    throw new Error(
      `${title}:\n${failures.map((failure) => `  - ${failure}`).join('\n')}\nexpected: ${expected.map((entry) => entry.code).join(', ') || '(no fail or warn finding)'}\nfound:    ${findings.map((finding) => finding.code).join(', ') || '(none)'}\nfindings of indicator ${indicator.meta.id}:\n${found}`,
    );
  }
}

function render(indicator: IndicatorModule, draft: FindingDraft): RenderedFinding {
  const definition = indicator.codes[draft.code];
  if (!definition) throw new Error(`indicator ${indicator.meta.id} returned ${draft.code}, which is not among its codes`);
  // The fix and the question are rendered too, so that a template the renderer cannot read fails here.
  if (definition.fix) renderTemplate(definition.fix, draft.args);
  if (definition.question) renderTemplate(definition.question, draft.args);
  return { code: draft.code, status: definition.status, message: renderTemplate(definition.message, draft.args), evidence: draft.evidence ?? [] };
}

/** Why a finding does not match what was expected of it; undefined when it does. */
function mismatch(entry: ExpectedFinding, finding: RenderedFinding): string | undefined {
  if (entry.status !== undefined && entry.status !== finding.status) return `its status is ${finding.status}`;
  if (entry.message !== undefined && !(typeof entry.message === 'string' ? finding.message === entry.message : entry.message.test(finding.message)))
    return `its message is "${finding.message}"`;
  for (const wanted of entry.evidence ?? []) {
    const matched = finding.evidence.some((actual) => Object.entries(wanted).every(([key, value]) => actual[key as keyof Evidence] === value));
    if (!matched) return `no evidence matches ${JSON.stringify(wanted)} (its evidence: ${JSON.stringify(finding.evidence)})`;
  }
  return undefined;
}

function describeExpected(entry: ExpectedFinding): string {
  const parts = [
    entry.status && `status ${entry.status}`,
    entry.message !== undefined && `message ${entry.message instanceof RegExp ? String(entry.message) : JSON.stringify(entry.message)}`,
    entry.evidence && `evidence ${JSON.stringify(entry.evidence)}`,
  ].filter(Boolean);
  return parts.length > 0 ? `${entry.code} with ${parts.join(', ')}` : entry.code;
}

function describeFinding(finding: RenderedFinding): string {
  const where = finding.evidence
    .map((evidence) => (evidence.path ? `${evidence.path}${evidence.line !== undefined ? `:${evidence.line}` : ''}` : (evidence.url ?? evidence.note ?? '')))
    .filter((text) => text !== '');
  return `  ${finding.status.padEnd(6)} ${finding.code}: ${finding.message}${where.length > 0 ? `  [${where.slice(0, 4).join(', ')}]` : ''}`;
}
