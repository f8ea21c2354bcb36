import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../src/cli/main.js';
import { FORMAT_NAMES } from '../src/formatters/index.js';
import { REPO_ROOT } from './support/cli.js';

describe('CI templates', () => {
  it('the GitLab job writes exactly the reports it declares as artifacts, in formats dpg-check has', () => {
    const job = parseYaml(readFileSync(path.join(REPO_ROOT, 'ci/gitlab-dpg-check.yml'), 'utf8'))['dpg-check'];
    const script = (job.script as string[]).join(' ');
    const written = [...script.matchAll(/--format (\w+)=(\S+)/g)].map((match) => ({ format: match[1] as string, file: match[2] as string }));
    for (const { format } of written) expect(FORMAT_NAMES).toContain(format);
    expect(written).toContainEqual({ format: 'gitlab', file: job.artifacts.reports.codequality });
    expect(written).toContainEqual({ format: 'junit', file: job.artifacts.reports.junit });
    for (const file of job.artifacts.paths) expect(written.map((item) => item.file)).toContain(file);
    expect(job.artifacts.when).toBe('always');
  });

  it('the pre-commit recipe runs the check command and matches the files the check reads', () => {
    const [hook] = parseYaml(readFileSync(path.join(REPO_ROOT, 'ci/pre-commit-config.yaml'), 'utf8')).repos[0].hooks;
    expect(hook).toMatchObject({ id: 'dpg-check', entry: 'dpg-check check', language: 'node', pass_filenames: false });
    expect(buildProgram().commands.map((command) => command.name())).toContain('check');
    const files = new RegExp(hook.files);
    for (const file of ['dpg.yaml', 'LICENSE', 'packages/a/README.md', '.dpg-check.yaml', 'CODE_OF_CONDUCT.md']) expect(files.test(file), file).toBe(true);
    for (const file of ['src/index.ts', 'docs/guide.md']) expect(files.test(file), file).toBe(false);
  });
});
