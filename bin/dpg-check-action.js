#!/usr/bin/env node
// Entry point of the GitHub Action (action.yml): reads INPUT_* variables, see src/action/main.ts.
import('../dist/action/main.js')
  .then(({ runAction }) => runAction({ env: process.env, stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) }))
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error) => {
    process.stdout.write(`::error title=dpg-check::internal error: ${String(error?.message ?? error).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}\n`);
    process.exitCode = 3;
  });
