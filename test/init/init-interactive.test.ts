import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { validateManifestData } from '../../src/manifest/validate.js';
import { CLI, REPO_ROOT } from '../support/cli.js';

const DRIVER = path.join(import.meta.dirname, 'pty-driver.py');
const ENTER = '\r';
const SPACE = ' ';
const DOWN = '\x1b[B';

function hasPython(): boolean {
  try {
    execFileSync('python3', ['-c', 'import pty'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const PYTHON = hasPython();
if (!PYTHON) console.warn('Skipping the interactive init test: python3 (for a pseudo-terminal) is not installed.');

/** Runs `dpg-check init` in a pseudo-terminal, answering each prompt in turn. */
function runInteractive(dir: string, steps: Array<[RegExp, string]>): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('python3', [DRIVER, process.execPath, CLI, 'init', dir], { env: { ...process.env, NO_COLOR: '1', TERM: 'xterm' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, output }));
    child.stdin.end(JSON.stringify(steps.map(([expect, send]) => ({ expect: expect.source, send }))));
  });
}

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!PYTHON)('dpg-check init, answered at a terminal', () => {
  it('asks one section per indicator, pre-filled from the repository, and writes what was answered', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dpg-init-tty-'));
    made.push(dir);
    cpSync(path.join(REPO_ROOT, 'fixtures/complete-software'), dir, { recursive: true });
    rmSync(path.join(dir, 'dpg.yaml'));
    const result = await runInteractive(dir, [
      [/Name of the solution \(OpenClinic Registry\)/, ENTER],
      [/tweet-length description/, ENTER],
      [/Website/, `https://openclinic.example.org${ENTER}`],
      [/Repository URL/, `https://github.com/open-health-commons/openclinic-registry${ENTER}`],
      [/Categories/, ENTER],
      [/1\. Relevance to the Sustainable Development Goals[\s\S]*MOST relevant to/, `${DOWN}${DOWN}${SPACE}${ENTER}`],
      [/SDG 3: how does the solution advance it/, `Clinics use the registry to follow up missed vaccinations.${ENTER}`],
      [/SDG 3: links/, `https://openclinic.example.org/impact${ENTER}`],
      [/Licence \(SPDX expression\) \(Apache-2\.0\)/, ENTER],
      [/Where the licence is published .*\(LICENSE\)/, ENTER],
      [/Owner .*\(Open Health Commons Foundation\)/, ENTER],
      [/The owner is/, ENTER],
      [/Evidence of ownership .*\(NOTICE\)/, ENTER],
      [/closed component/, ENTER],
      [/Documentation .*\(README\.md, docs\/, CONTRIBUTING\.md\)/, ENTER],
      [/non-personal data/, ENTER],
      [/exported or imported/, `CSV exports and a REST API.${ENTER}`],
      [/non-proprietary formats/, `CSV, JSON${ENTER}`],
      [/laws it complies with/, `GDPR${ENTER}`],
      [/Privacy policy or terms .*\(PRIVACY\.md\)/, ENTER],
      [/Open standards it follows .*\(OpenAPI\)/, ENTER],
      [/Best practices/, ENTER],
      [/9a\. Data privacy and security[\s\S]*PII\) is/, `${DOWN}${DOWN}${ENTER}`],
      [/Which types of PII/, `name, date of birth${ENTER}`],
      [/privacy, security and integrity of PII ensured/, `Encrypted at rest and in transit, with an audit log.${ENTER}`],
      [/Content is/, ENTER],
      [/users or contributors interact/, ENTER],
      [/Code of conduct .*\(CODE_OF_CONDUCT\.md\)/, ENTER],
      [/Name of the person authorised/, `Amina Otieno${ENTER}`],
      [/Their email/, `amina@example.org${ENTER}`],
      [/Their title/, `Executive Director${ENTER}`],
    ]);
    expect(result.code, result.output).toBe(0);
    const text = readFileSync(path.join(dir, 'dpg.yaml'), 'utf8');
    expect(text.startsWith('# yaml-language-server: $schema=')).toBe(true);
    const manifest = parse(text) as Record<string, unknown>;
    expect(validateManifestData(manifest).problems).toEqual([]);
    expect(manifest).toMatchObject({
      name: 'OpenClinic Registry',
      website: ['https://openclinic.example.org'],
      categories: ['software'],
      sdgs: [{ goal: 3, relevance: 'Clinics use the registry to follow up missed vaccinations.', evidence: ['https://openclinic.example.org/impact'] }],
      licenses: [{ expression: 'Apache-2.0', evidence: 'LICENSE' }],
      ownership: { owners: [{ name: 'Open Health Commons Foundation', type: 'organisation' }], evidence: ['NOTICE'] },
      platformIndependence: { hasClosedComponents: false },
      dataExtraction: { collectsNonPII: true, mechanism: 'CSV exports and a REST API.', formats: ['CSV', 'JSON'] },
      privacy: { laws: [{ name: 'GDPR' }], evidence: ['PRIVACY.md'] },
      standards: { openStandards: [{ name: 'OpenAPI', evidence: ['api/openapi.yaml'] }] },
      doNoHarm: { privacy: { piiLevel: 'collected-stored', piiTypes: ['name', 'date of birth'] }, content: { level: 'none' }, harassment: { userInteraction: false, codeOfConduct: 'CODE_OF_CONDUCT.md' } },
      contact: { name: 'Amina Otieno', title: 'Executive Director', email: 'amina@example.org' },
    });
    // Each indicator's section was introduced in the Standard's words.
    expect(result.output).toContain('Ownership of assets that the digital public good produces must be clearly defined');
  }, 120_000);
});
