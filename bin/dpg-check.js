#!/usr/bin/env node
// A thin launcher: the bundled CLI (dist/bundle/, scripts/bundle-cli.js) loads a handful of files
// instead of every module; the compiled library (dist/) serves a checkout built without the bundle.
import('../dist/bundle/main.js')
  .catch((error) =>
    error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).replaceAll('\\', '/').includes('dist/bundle/main.js')
      ? import('../dist/cli/main.js')
      : Promise.reject(error),
  )
  .then((cli) => cli.main(process.argv));
