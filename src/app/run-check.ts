/**
 * The one check pipeline. The CLI's `check`, the GitHub Action and every target of `audit` call
 * `runCheck`, so the same target with the same options gives the same report wherever it is checked:
 *
 *   open the source -> pick the manifest -> gather facts -> cross-check the registry record ->
 *   build the report (indicators, registry findings, policies, verdict) -> exit code
 *
 * Which manifest: one named with --manifest (in any format convert reads), else the target itself
 * when it is a manifest file; else, in an audit of registry records, the repository's own dpg manifest
 * when it has one, and the record's application when it has none; else the repository's own (a dpg
 * manifest, or a DPGA record or publiccode.yml found in it; for a local subfolder of a git work tree with
 * none, the nearest dpg manifest above it, up to the work tree's root: src/source/parent-files.ts).
 */
import { existsSync } from 'node:fs';
import { DEFAULT_MAX_FILE_BYTES, DEFAULT_TIMEOUT_SECONDS } from '../defaults.js';
import { ExitCode } from '../errors.js';
import type { Facts } from '../facts/types.js';
import type { TextIdentifier } from '../licenses/detect.js';
import type { LoadedManifest } from '../manifest/load.js';
import type { LoadedPolicy } from '../policy/types.js';
import type { FailOn, Report } from '../report/types.js';
import type { OpenSourceOptions } from '../source/open.js';
import { DEFAULT_GITHUB_HOSTS, parseTarget, redactUrl } from '../source/targets.js';
import type { RepositorySource } from '../source/types.js';
import { withinDeadline } from '../util/deadline.js';
import { assertCheckOptions, assertTarget } from './arguments.js';
import { toolVersion } from '../version.js';
import type { NomineeRecord, RegistryRecordRef } from '../rules/registry-record.js';

/** A DPGA registry application: the record the repository is audited for, and the manifest made from it. */
export interface RegistryApplication {
  ref: RegistryRecordRef;
  /** The nominee record's fields the cross-check compares. */
  record: NomineeRecord;
  /** The nominee (and screening) record converted; the manifest when the repository has none of its own. */
  manifest?: LoadedManifest;
}

export interface RunCheckOptions {
  /** A manifest file in any format `convert` reads (`--manifest`), used instead of the repository's. */
  manifest?: string;
  /** A manifest already loaded (the library's checkSource); used as --manifest would be. */
  loadedManifest?: LoadedManifest;
  /** A screening record to merge with a nominee record given as the target or with --manifest. */
  screening?: string;
  /** The registry application of this target (`audit --registry`). */
  application?: RegistryApplication;
  /** A reviewer's policy (`--policy FILE`), applied to the target after its own. */
  reviewerPolicy?: string | LoadedPolicy;
  /** The repository's own policy: applied (the default), or only reported (a reviewer's audit). */
  repositoryPolicy?: 'apply' | 'report';
  failOn?: FailOn;
  maxFileBytes?: number;
  /** Each request's and git command's time limit, in seconds. */
  timeoutSeconds?: number;
  /** The whole check's time limit, in seconds; past it a DeadlineError (exit code 3). */
  deadlineSeconds?: number;
  /** How remote sources are opened (API URL, clone, rate limits, token, logging). */
  sourceOptions?: Omit<OpenSourceOptions, 'timeoutSeconds' | 'maxFileBytes' | 'signal'>;
  /** Opens the source instead of `openSource` (the audit's shared GitHub session). */
  open?: (signal: AbortSignal | undefined) => Promise<RepositorySource>;
  identifyLicenseText?: TextIdentifier;
  /** Web hosts of GitHub, to tell a record's GitHub repository (github.com and any Enterprise host). */
  githubHosts?: readonly string[];
}

export interface CheckRun {
  report: Report;
  /** 0 ready, 1 not ready. Errors are thrown as DpgCheckError values with their own exit code. */
  exitCode: ExitCode;
  facts: Facts;
}

export async function runCheck(target: string, options: RunCheckOptions = {}): Promise<CheckRun> {
  assertTarget(target, 'runCheck');
  assertCheckOptions(options, 'runCheck');
  return withinDeadline(options.deadlineSeconds, `The check of ${redactUrl(target)}`, (signal) => runWithin(target, options, signal));
}

async function runWithin(target: string, options: RunCheckOptions, signal: AbortSignal | undefined): Promise<CheckRun> {
  let source: RepositorySource | undefined;
  try {
    source = options.open
      ? await options.open(signal)
      : await (await import('./open-target.js')).openTarget(target, {
          ...options.sourceOptions,
          timeoutSeconds: options.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
          maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
          ...(signal ? { signal } : {}),
        });
    return await checkOpenSource(source, target, options, signal);
  } finally {
    await source?.dispose().catch(() => undefined);
  }
}

/** The pipeline after the source is open: the caller disposes of the source. */
export async function checkOpenSource(source: RepositorySource, target: string, options: RunCheckOptions, signal: AbortSignal | undefined): Promise<CheckRun> {
  const startedAt = new Date();
  // Start listing now; the imports and the corpus load below overlap with it.
  const listing = source.listFiles();
  listing.catch(() => undefined);
  const [{ gatherFacts }, { buildReport }, identify] = await Promise.all([
    import('../facts/gather.js'),
    import('../report/build.js'),
    textIdentifier(options.identifyLicenseText),
  ]);
  const manifest = await chooseManifest(source, listing, options);
  const reviewerPolicy = typeof options.reviewerPolicy === 'string' ? await loadReviewerPolicy(options.reviewerPolicy) : options.reviewerPolicy;
  signal?.throwIfAborted();
  const facts = await gatherFacts(source, {
    identifyLicenseText: identify,
    maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
    ...(manifest ? { manifest } : {}),
    ...(signal ? { signal } : {}),
  });
  const registryFindings = options.application
    ? await crossCheckApplication(target, options.application, facts, options.githubHosts ?? DEFAULT_GITHUB_HOSTS)
    : [];
  const report = buildReport(facts, {
    toolVersion: toolVersion(),
    startedAt,
    ...(options.failOn ? { failOn: options.failOn } : {}),
    registryFindings,
    ...(reviewerPolicy ? { reviewerPolicy } : {}),
    repositoryPolicy: options.repositoryPolicy ?? 'apply',
  });
  return { report, exitCode: report.verdict === 'ready' ? ExitCode.Ready : ExitCode.NotReady, facts };
}

/** The manifest to check with; undefined lets the facts stage find the repository's own. */
async function chooseManifest(source: RepositorySource, listing: Promise<string[]>, options: RunCheckOptions): Promise<LoadedManifest | undefined> {
  if (options.loadedManifest) return options.loadedManifest;
  const given = options.manifest ?? (source.description.kind === 'manifest' ? source.description.target : undefined);
  if (given !== undefined) {
    const { loadManifestInput } = await import('../convert/application.js');
    return loadManifestInput(given, { ...(options.screening !== undefined ? { screening: options.screening } : {}) });
  }
  if (options.screening !== undefined) {
    const { UsageError } = await import('../errors.js');
    throw new UsageError('--screening goes with a DPGA nominee record given as the target or with --manifest.');
  }
  const application = options.application?.manifest;
  if (!application) return undefined;
  // The repository's own dpg manifest is what it answers for; the record stands in only without one.
  const { MANIFEST_FILE_NAMES } = await import('../manifest/load.js');
  const files = new Set(await listing);
  if (MANIFEST_FILE_NAMES.some((name) => files.has(name))) return undefined;
  // A local subfolder of a work tree answers with the nearest manifest above it, up to the root.
  const { findNearestAbove } = await import('../source/parent-files.js');
  return (await findNearestAbove(source.description, MANIFEST_FILE_NAMES)) ? undefined : application;
}

async function crossCheckApplication(target: string, application: RegistryApplication, facts: Facts, githubHosts: readonly string[]) {
  const { crossCheck } = await import('../rules/registry-crosscheck.js');
  const github = githubRepository(target, githubHosts);
  return crossCheck({ record: application.record, ref: application.ref, facts, githubHosts, ...(github ? { github } : {}) });
}

function githubRepository(target: string, githubHosts: readonly string[]): { owner: string; repo: string } | undefined {
  try {
    const parsed = parseTarget(target, { githubHosts, exists: (candidate) => existsSync(candidate) });
    return parsed.kind === 'github' ? { owner: parsed.owner, repo: parsed.repo } : undefined;
  } catch {
    return undefined;
  }
}

/** A reviewer's policy file (`--policy`): a missing or unreadable file is a usage error (exit 2). */
export async function loadReviewerPolicy(filePath: string): Promise<LoadedPolicy> {
  const [{ readManifestFile }, { parsePolicy }] = await Promise.all([import('../manifest/load.js'), import('../policy/load.js')]);
  const read = await readManifestFile(filePath, 'policy');
  if (typeof read !== 'string')
    return { path: filePath, pointer: '', policy: {}, problems: read.problems.map((problem) => ({ message: problem.message })), locate: () => undefined };
  return parsePolicy(filePath, read);
}

/** The text engine reads its corpus on first use, and its whole corpus only for a text that is not an SPDX text. */
async function textIdentifier(given: TextIdentifier | undefined): Promise<TextIdentifier> {
  if (given) return given;
  const { identifyLicenseText } = await import('../licenses/text/identify.js');
  return identifyLicenseText;
}
