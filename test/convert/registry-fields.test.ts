/**
 * The registry's own fields (stage, sectors, organisations in other roles, repository names,
 * countries) live under `registry:` in the manifest, so that every DPGA format that has them gives
 * them back, and every format that has not says it loses them.
 */
import { describe, expect, it } from 'vitest';
import { readApp, writeApp } from '../../src/convert/dpga-app.js';
import { readNominee, writeNominee } from '../../src/convert/dpga-nominee.js';
import { writePubliccode } from '../../src/convert/publiccode.js';
import { validateManifestData } from '../../src/manifest/validate.js';

const APP = {
  name: 'Clinic Records',
  description: 'Patient records for rural clinics.',
  website: 'https://clinic.example.org',
  categories: ['Open Software'],
  openlicenses: [{ openLicense: 'AGPL-3.0', openLicenseEvidenceURLs: 'https://clinic.example.org/LICENSE' }],
  sdgs: [{ sdg: 'SDG3: Good Health and Well-being', relevance: 'Used in 40 clinics.' }],
  organizations: [
    { name: 'Clinic Foundation', org_type: 'owner' },
    { name: 'Health Fund', org_type: 'funder', website: 'https://fund.example.org', contact_name: 'Bo', contact_email: 'bo@fund.example.org' },
    { name: 'Ministry of Health', org_type: 'implementer' },
  ],
  sectors: ['Health', 'Government'],
  stage: 'DPG',
};

describe('registry: in the manifest', () => {
  it('an application record keeps stage, sectors and the other organisations, in their places', () => {
    const read = readApp(APP);
    expect(validateManifestData(read.manifest).problems).toEqual([]);
    expect(read.manifest.registry).toEqual({
      stage: 'DPG',
      sectors: ['Health', 'Government'],
      organizations: [
        { name: 'Health Fund', org_type: 'funder', website: 'https://fund.example.org', contact_name: 'Bo', contact_email: 'bo@fund.example.org', position: 1 },
        { name: 'Ministry of Health', org_type: 'implementer', position: 2 },
      ],
      // The owner names no contact: the funder's is the manifest's, and stays written on the funder.
      contactSource: { organization: 'Health Fund' },
    });
    expect(read.manifest.contact).toEqual({ name: 'Bo', email: 'bo@fund.example.org' });
    expect(read.lost.map((entry) => entry.path)).not.toEqual(expect.arrayContaining(['/stage']));
    const back = JSON.parse(writeApp(read.manifest).text) as typeof APP;
    expect(back.stage).toBe('DPG');
    expect(back.sectors).toEqual(APP.sectors);
    expect(back.organizations).toEqual(APP.organizations);
  });

  it('a nominee written from that manifest carries them too; publiccode.yml lists them as lost', () => {
    const manifest = readApp(APP).manifest;
    const nominee = JSON.parse(writeNominee(manifest).text) as { stage: string; sectors: string[]; organizations: unknown[] };
    expect(nominee).toMatchObject({ stage: 'DPG', sectors: APP.sectors, organizations: APP.organizations });
    expect(readNominee(nominee as unknown as Record<string, unknown>).manifest.registry).toEqual(manifest.registry);
    expect(writePubliccode({ ...manifest, repositories: ['https://github.com/example/clinic'] }).lost.map((entry) => entry.path)).toContain('/registry');
  });

  it('without registry: a written record says nominee, and says that it assumed so', () => {
    const { registry: _registry, ...manifest } = readApp(APP).manifest;
    const written = writeNominee(manifest);
    expect(JSON.parse(written.text)).toMatchObject({ stage: 'nominee', sectors: [] });
    expect(written.assumed.map((entry) => entry.path)).toContain('/stage');
  });
});
