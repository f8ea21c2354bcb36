#!/usr/bin/env node
// Entry point of the GitHub Action (action.yml): reads INPUT_* variables, see src/action/main.ts.
Promise.all([import('../dist/action/main.js'), import('../dist/util/deadline.js')])
  .then(async ([{ runAction }, { exitEvenIfStoppedWorkLingers }]) => {
    const code = await runAction({ env: process.env, stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) });
    process.exitCode = code;
    // An incomplete check (past its deadline, say) must not hold the step.
    if (code === 3) exitEvenIfStoppedWorkLingers();
  })
  .catch((error) => {
    process.stdout.write(
      `::error title=dpg-check::internal error: ${String(error?.message ?? error)
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A')}\n`,
    );
    process.exitCode = 3;
  });
