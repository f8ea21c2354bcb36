#!/usr/bin/env node
// A thin launcher. `--version` alone is answered here, from package.json, without loading the CLI: it
// is what scripts run most often to check an install. Everything else goes to the bundled CLI
// (dist/bundle/cli.cjs, scripts/bundle-cli.js), compiled with V8's code cache (./code-cache.js); the
// compiled library (dist/) serves a checkout built without the bundle.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
} else {
  // Only the launcher's own target missing: a package missing from node_modules ("Cannot find package 'x'
  // imported from .../dist/cli/main.js") names the file too, and wants `npm ci`, not a build.
  const missing = (error, file) =>
    error?.code === 'ERR_MODULE_NOT_FOUND' &&
    new RegExp(`^Cannot find module '[^']*${file.replace(/[./]/g, '\\$&')}'`).test(String(error.message).replaceAll('\\', '/'));
  const notBuilt = () => {
    // A checkout (or a git install) that was never built: say so, not a stack trace.
    const folder = fileURLToPath(new URL('..', import.meta.url));
    process.stderr.write(`dpg-check: this copy is not built (no dist/ in ${folder}); run \`npm run build\` there.\n`);
    process.exitCode = 2;
  };
  // Loaded here, not above: `--version` needs none of it.
  const { loadBundle } = await import('./code-cache.js');
  const bundle = fileURLToPath(new URL('../dist/bundle/cli.cjs', import.meta.url));
  let bundled;
  try {
    // The command names the cache: each command's first run compiles what that command needs.
    bundled = loadBundle(bundle, args.find((arg) => !arg.startsWith('-')) ?? '');
  } catch (error) {
    // Only the bundle itself missing; a file missing while it runs is its own error.
    if (error?.code !== 'ENOENT' || error.path !== bundle) throw error;
  }
  if (bundled) bundled.main(process.argv);
  else
    import('../dist/cli/main.js').then(
      (cli) => cli.main(process.argv),
      (error) => {
        if (!missing(error, 'dist/cli/main.js')) throw error;
        notBuilt();
      },
    );
}
