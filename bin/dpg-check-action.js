#!/usr/bin/env node
// Entry point of the GitHub Action (action.yml): reads INPUT_* variables, see src/action/main.ts.
// The step runs the `node` on the runner's PATH; a job may have put an older one there (setup-node).
const major = Number(process.versions.node.split('.')[0]);
if (major < 20) {
  process.stdout.write(
    `::error title=dpg-check::dpg-check needs Node.js 20 or newer; this step found ${process.version} on the PATH. Set up Node 20 or newer (actions/setup-node) before this step.\n`,
  );
  process.exit(2);
}
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
