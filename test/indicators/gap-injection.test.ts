import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSource } from '../../src/check.js';
import { convert } from '../../src/convert/convert.js';
import { parseManifest, type LoadedManifest } from '../../src/manifest/load.js';
import type { DpgManifest } from '../../src/manifest/types.js';
import { ManifestOnlySource } from '../../src/source/manifest-only.js';
import { REPO_ROOT } from '../support/cli.js';

/**
 * Fewer false fails must not mean blindness. Each labelled real application of the shared corpus
 * (../shared/corpora/real-dpgs) is converted from its own registry records, one plain gap is injected,
 * and the indicator that the gap belongs to must fail: a licence not approved for the solution's
 * category, no SDG, PII collected and shared with nothing said about its protection, users who interact
 * with no protection from harassment.
 */
const SHARED = path.resolve(REPO_ROOT, '../shared');
const LABELS = path.join(SHARED, 'corpora/real-dpgs/labels.tsv');

const INDICATORS = ['1', '2', '3', '4', '5', '6', '7', '8', '9a', '9b', '9c'];

/** The labelled records with their labels per indicator (ok, gap, either). */
function labelled(): Array<{ record: string; labels: Record<string, string> }> {
  return readFileSync(LABELS, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => {
      const [record, , , ...labels] = line.split('\t');
      return { record: record as string, labels: Object.fromEntries(INDICATORS.map((id, index) => [id, labels[index] as string])) };
    });
}

function records(): string[] {
  return labelled().map((row) => row.record);
}

function application(record: string): DpgManifest {
  const inputs = ['nominees', 'digitalpublicgoods']
    .map((folder) => path.join(SHARED, 'registry', folder, `${record}.json`))
    .filter((file) => existsSync(file))
    .map((file) => ({ path: file, text: readFileSync(file, 'utf8') }));
  const data = parseManifest('dpg.yaml', convert(inputs, 'dpg-yaml').text).data;
  if (!data) throw new Error(`${record}: the converted manifest is not valid`);
  return data;
}

async function statusOf(record: string, manifest: DpgManifest, indicator: string): Promise<{ status: string | undefined; codes: string[] }> {
  const loaded: LoadedManifest = { path: 'dpg.yaml', format: 'yaml', origin: 'given', data: manifest, problems: [], locate: () => undefined };
  const report = await checkSource(new ManifestOnlySource(`${record}.json`), { manifest: loaded });
  return {
    status: report.indicators.find((candidate) => candidate.id === indicator)?.status,
    codes: report.findings.filter((finding) => finding.indicator === indicator && finding.status === 'fail').map((finding) => finding.code),
  };
}

/** A licence the DPGA does not approve for the solution's first category. */
function unapprovedFor(manifest: DpgManifest): string {
  const category = manifest.categories?.[0] ?? 'software';
  return category === 'data' ? 'MIT' : category === 'content' ? 'LicenseRef-All-Rights-Reserved' : 'CC-BY-NC-ND-4.0';
}

const GAPS: Array<{ gap: string; indicator: string; inject: (manifest: DpgManifest) => void }> = [
  {
    gap: 'a licence not approved for its category',
    indicator: '2',
    inject: (manifest) => {
      manifest.licenses = [{ expression: unapprovedFor(manifest) }];
    },
  },
  {
    gap: 'a licence open for no category beside the approved ones',
    indicator: '2',
    inject: (manifest) => {
      manifest.licenses = [...(manifest.licenses ?? []), { expression: 'BUSL-1.1' }];
    },
  },
  {
    gap: 'no SDG',
    indicator: '1',
    inject: (manifest) => {
      delete manifest.sdgs;
    },
  },
  {
    gap: 'PII collected and shared, its protection not described',
    indicator: '9a',
    inject: (manifest) => {
      manifest.doNoHarm = {
        ...manifest.doNoHarm,
        privacy: {
          piiLevel: 'collected-stored-distributed',
          piiTypes: manifest.doNoHarm?.privacy?.piiTypes?.length ? manifest.doNoHarm.privacy.piiTypes : ['names', 'phone numbers'],
        },
      };
    },
  },
  {
    gap: 'users interact with no protection from harassment',
    indicator: '9c',
    inject: (manifest) => {
      manifest.doNoHarm = { ...manifest.doNoHarm, harassment: { userInteraction: true } };
    },
  },
];

describe.skipIf(!existsSync(LABELS))('a plain gap injected into a real application still fails its indicator', () => {
  for (const { gap, indicator, inject } of GAPS) {
    it(`${gap}: indicator ${indicator} fails in every one of the shared applications`, async () => {
      for (const record of records()) {
        const manifest = application(record);
        inject(manifest);
        const { status, codes } = await statusOf(record, manifest, indicator);
        expect(status, `${record}: ${codes.join(', ')}`).toBe('fail');
      }
    });
  }

  it('without the gap, each of these indicators labelled ok does not fail: the injected gap is what fails it', async () => {
    for (const { record, labels } of labelled()) {
      for (const indicator of [...new Set(GAPS.map((gap) => gap.indicator))]) {
        if (labels[indicator] !== 'ok') continue;
        const { status, codes } = await statusOf(record, application(record), indicator);
        expect(status, `${record} ${indicator}: ${codes.join(', ')}`).not.toBe('fail');
      }
    }
  });
});
