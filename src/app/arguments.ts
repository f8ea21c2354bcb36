/**
 * The library's entry points are called from JavaScript too, where nothing checks the types: a wrong
 * argument is a UsageError (a typed error with a message that says which), never a TypeError from deep
 * inside or a quietly wrong result.
 */
import { UsageError } from '../errors.js';
import { describeValue as describe, isObject } from '../util/describe-value.js';
import type { RepositorySource } from '../source/types.js';

export function assertSource(value: unknown, where: string): asserts value is RepositorySource {
  const source = value as Record<string, unknown> | undefined;
  if (
    !isObject(source) ||
    typeof source.listFiles !== 'function' ||
    typeof source.readText !== 'function' ||
    typeof source.dispose !== 'function' ||
    !isObject(source.description)
  ) {
    throw new UsageError(
      `${where}: the source must be a RepositorySource (listFiles, readText, dispose, description), such as LocalSource.open(folder) or openSource(target).`,
    );
  }
}

/** Checks the options every entry point shares; undefined means the default. */
export function assertCheckOptions(options: unknown, where: string): void {
  if (options === undefined) return;
  if (!isObject(options)) throw new UsageError(`${where}: options must be an object, got ${describe(options)}.`);
  if (options.failOn !== undefined && options.failOn !== 'fail' && options.failOn !== 'warn')
    throw new UsageError(`${where}: failOn must be "fail" or "warn", not ${describe(options.failOn)}.`);
  if (options.repositoryPolicy !== undefined && options.repositoryPolicy !== 'apply' && options.repositoryPolicy !== 'report')
    throw new UsageError(`${where}: repositoryPolicy must be "apply" or "report", not ${describe(options.repositoryPolicy)}.`);
  for (const key of ['maxFileBytes', 'timeoutSeconds', 'deadlineSeconds']) {
    const value = options[key];
    if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || (key === 'maxFileBytes' && !Number.isInteger(value)))) {
      throw new UsageError(`${where}: ${key} must be a positive ${key === 'maxFileBytes' ? 'whole number' : 'number'}, not ${describe(value)}.`);
    }
  }
  // runCheck takes a manifest's path; checkSource a manifest already loaded (loadManifestFile).
  const manifest = options.manifest;
  if (manifest !== undefined && !(typeof manifest === 'string' && manifest !== '') && !(isObject(manifest) && typeof manifest.path === 'string'))
    throw new UsageError(`${where}: manifest must be a file path or a loaded manifest, not ${describe(manifest)}.`);
  if (options.screening !== undefined && (typeof options.screening !== 'string' || options.screening === ''))
    throw new UsageError(`${where}: screening must be a file path, not ${describe(options.screening)}.`);
  if (options.signal !== undefined && !(options.signal instanceof AbortSignal)) throw new UsageError(`${where}: signal must be an AbortSignal.`);
}

export function assertTarget(value: unknown, where: string): asserts value is string {
  if (typeof value !== 'string' || value.trim() === '')
    throw new UsageError(`${where}: the target must be a folder, a manifest file, github:OWNER/REPO or a git URL, not ${describe(value)}.`);
}
