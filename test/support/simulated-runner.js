// A simulated GitHub runner for the composite action in action.yml, shared by test/action.test.ts and
// bench/startup.js. It does what the runner does with `uses: OWNER/dpg-check@REF`: a checkout of the
// repository at that ref (here: the files of this working copy that git tracks or would track, so no
// node_modules, dist/ or generated/), then each step's `run` in bash with the runner's flags, its
// `${{ inputs.* }}` expressions filled from the inputs or their defaults, GITHUB_ACTION_PATH set, and the
// step's `env`.
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, lstatSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * Copies what a checkout of this repository at the current commit would hold into `folder`: every
 * tracked file and every untracked one that is not ignored (a new file not yet committed), as it is in
 * the working copy. Ignored output (node_modules/, dist/, generated/) is left out, as a checkout lacks it.
 */
export function makeActionCheckout(folder) {
  const files = execFileSync('git', ['-C', REPO_ROOT, 'ls-files', '-z', '--cached', '--others', '--exclude-standard'], { encoding: 'utf8' })
    .split('\0')
    .filter(Boolean);
  for (const file of new Set(files)) {
    const from = path.join(REPO_ROOT, file);
    // A tracked file deleted in the working copy, or a symbolic link (fixtures have some), is skipped.
    if (!existsSync(from) || !lstatSync(from).isFile()) continue;
    mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
    copyFileSync(from, path.join(folder, file));
  }
  return folder;
}

/** `${{ inputs.name }}` and `${{ github.token }}`, the only expressions action.yml uses. */
function expand(text, inputs, githubToken) {
  return String(text).replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, expression) => {
    if (expression === 'github.token') return githubToken;
    const name = /^inputs\.([\w-]+)$/.exec(expression)?.[1];
    if (name === undefined) throw new Error(`simulated runner: unsupported expression \${{ ${expression} }}`);
    return inputs[name];
  });
}

/**
 * Runs the action's steps from `checkout` as the runner does, with `inputs` by name (`fail-on`) over the
 * defaults in action.yml and `env` as the job's environment (GITHUB_WORKSPACE, RUNNER_TEMP, ...).
 * Resolves with the last step's exit code and everything the steps printed; a failing step ends the job.
 */
export async function runActionSteps(checkout, inputs, env) {
  const action = parseYaml(readFileSync(path.join(checkout, 'action.yml'), 'utf8'));
  const githubToken = env.GITHUB_TOKEN ?? '';
  const values = {};
  for (const [name, spec] of Object.entries(action.inputs)) {
    values[name] = inputs[name] ?? expand(spec.default ?? '', {}, githubToken);
  }
  for (const name of Object.keys(inputs)) {
    if (!(name in values)) throw new Error(`simulated runner: action.yml has no input "${name}"`);
  }
  let stdout = '';
  let stderr = '';
  let code = 0;
  for (const step of action.runs.steps) {
    if (step.uses) throw new Error('simulated runner: steps that use other actions are not simulated');
    const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([key, value]) => [key, expand(value, values, githubToken)]));
    // GitHub runs a bash step as `bash --noprofile --norc -eo pipefail {0}`.
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', expand(step.run, values, githubToken)], {
      cwd: env.GITHUB_WORKSPACE,
      env: {
        // The runner's own Node is on its PATH.
        PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`,
        HOME: process.env.HOME,
        ...env,
        GITHUB_ACTION_PATH: checkout,
        ...stepEnv,
      },
    });
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    code = await new Promise((resolve) => child.on('close', (exitCode) => resolve(exitCode ?? 99)));
    if (code !== 0) break;
  }
  return { code, stdout, stderr };
}
