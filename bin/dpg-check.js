#!/usr/bin/env node
// A thin launcher. `--version` alone is answered here, from package.json, without loading the CLI: it
// is what scripts run most often to check an install. Everything else goes to the bundled CLI
// (dist/bundle/, scripts/bundle-cli.js), which loads a handful of files instead of every module; the
// compiled library (dist/) serves a checkout built without the bundle.
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
} else {
  import('../dist/bundle/main.js')
    .catch((error) =>
      error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).replaceAll('\\', '/').includes('dist/bundle/main.js')
        ? import('../dist/cli/main.js')
        : Promise.reject(error),
    )
    .then((cli) => cli.main(process.argv));
}
