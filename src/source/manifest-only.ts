import path from 'node:path';
import { workTreeRootOf } from './work-tree.js';
import type { FileReadProblem, FileText, RepositorySource, SourceDescription } from './types.js';

/**
 * A manifest checked on its own, with no repository: there are no files to list or read, and the
 * checks that need files say so instead of failing on their absence.
 */
export class ManifestOnlySource implements RepositorySource {
  readonly description: SourceDescription;

  constructor(target: string) {
    const location = path.resolve(target);
    const repositoryRoot = workTreeRootOf(path.dirname(location));
    this.description = { kind: 'manifest', target, location, ...(repositoryRoot !== undefined ? { repositoryRoot } : {}) };
  }

  async listFiles(): Promise<string[]> {
    return [];
  }

  async readText(relativePath: string): Promise<FileText | FileReadProblem> {
    return { path: relativePath, reason: 'missing', detail: 'only a manifest was given; there is no repository to read' };
  }

  async dispose(): Promise<void> {
    // Nothing was created.
  }
}
