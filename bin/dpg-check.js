#!/usr/bin/env node
// A thin launcher: everything lives in the compiled library.
import('../dist/cli/main.js').then((cli) => cli.main(process.argv));
