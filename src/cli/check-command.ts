import { ExitCode } from '../errors.js';
import { openSource } from '../source/open.js';
import type { CheckCommandOptions } from './main.js';

/** Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function useColor(wanted: boolean, stream: NodeJS.WriteStream = process.stdout): boolean {
  if (!wanted) return false;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}

export async function runCheckCommand(target: string, options: CheckCommandOptions): Promise<number> {
  const source = await openSource(target, {
    ...(options.githubApiUrl !== undefined ? { githubApiUrl: options.githubApiUrl } : {}),
    ...(options.clone ? { clone: true } : {}),
    ...(options.onRateLimit ? { onRateLimit: options.onRateLimit } : {}),
    timeoutSeconds: options.timeout,
    ...(options.verbose ? { verbose: true } : {}),
    maxFileBytes: options.maxFileBytes,
  });
  // Start listing now; the imports below (schema compilation included) overlap with it.
  const listing = source.listFiles();
  listing.catch(() => undefined);
  const [{ checkSource }, { formatJson }, { formatText }, { loadManifestFile }] = await Promise.all([
    import('../check.js'),
    import('../formatters/json.js'),
    import('../formatters/text.js'),
    import('../manifest/load.js'),
  ]);
  // Parsing the licence corpus is synchronous work; doing it now overlaps it with `git ls-files`.
  const { loadLicenseCorpus } = await import('../licenses/text/identify.js');
  loadLicenseCorpus();
  try {
    const manifest = options.manifest ? await loadManifestFile(options.manifest) : undefined;
    const report = await checkSource(source, { failOn: options.failOn, maxFileBytes: options.maxFileBytes, ...(manifest ? { manifest } : {}) });
    const output = options.format === 'json' ? formatJson(report, { color: false }) : formatText(report, { color: useColor(options.color) });
    await writeStdout(output);
    return report.verdict === 'ready' ? ExitCode.Ready : ExitCode.NotReady;
  } finally {
    await source.dispose();
  }
}

/** Resolves once the text is handed to the OS, so a piped reader gets all of it before exit. */
function writeStdout(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(text, (error) => (error ? reject(error) : resolve()));
  });
}
