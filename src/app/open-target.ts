import { filesToPrefetch } from '../facts/read-plan.js';
import { openSource, type OpenSourceOptions } from '../source/open.js';
import type { RepositorySource } from '../source/types.js';

/**
 * Opens a target for the checks: the source layer's openSource, told which files the checks will read
 * (src/facts/read-plan.ts) so that a remote source fetches them with its listing, in one request or
 * one sparse checkout, rather than one by one.
 */
export function openTarget(target: string, options: OpenSourceOptions = {}): Promise<RepositorySource> {
  return openSource(target, { readPlan: filesToPrefetch, ...options });
}
