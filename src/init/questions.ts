import { checkbox, confirm, input, select } from '@inquirer/prompts';
import { isEmail, isHttpUrl } from '../convert/answers.js';
import { INDICATORS } from '../indicators/index.js';
import type { Category, DpgManifest, ExposureLevel } from '../manifest/types.js';
import type { Detected } from './detect.js';

export const SDG_TITLES = ['No poverty', 'Zero hunger', 'Good health and well-being', 'Quality education', 'Gender equality', 'Clean water and sanitation', 'Affordable and clean energy', 'Decent work and economic growth', 'Industry, innovation and infrastructure', 'Reduced inequalities', 'Sustainable cities and communities', 'Responsible consumption and production', 'Climate action', 'Life below water', 'Life on land', 'Peace, justice and strong institutions', 'Partnerships for the goals'];

const LEVELS: Array<{ value: ExposureLevel; name: string }> = [
  { value: 'none', name: 'not collected, stored or distributed' },
  { value: 'collected', name: 'collected, but not stored or distributed' },
  { value: 'collected-stored', name: 'collected and stored, but not distributed' },
  { value: 'collected-stored-distributed', name: 'collected, stored and distributed' },
];

/** Prints an indicator's heading and the Standard's requirement before its questions. */
function section(id: string, write: (text: string) => void): void {
  const indicator = INDICATORS.find((candidate) => candidate.meta.id === id);
  if (indicator) write(`\n${id}. ${indicator.meta.title}\n   ${indicator.meta.requirement}\n`);
}

const list = (text: string): string[] => [...new Set(text.split(',').map((item) => item.trim()).filter(Boolean))];
const optional = (text: string): string | undefined => (text.trim() === '' ? undefined : text.trim());

/**
 * The questionnaire: one section per indicator, every answer pre-filled with what the repository
 * shows. Returns the manifest; nothing is written here.
 */
export async function askQuestions(detected: Detected, write: (text: string) => void): Promise<DpgManifest> {
  const d = detected.manifest;
  write('Answers in brackets were found in the repository: press Enter to keep them.\n');
  write('\nThe solution\n');
  const name = await input({ message: 'Name of the solution', default: d.name, required: true });
  const description = await input({ message: 'A tweet-length description', default: d.description ?? '' });
  const website = await input({ message: 'Website (URL, optional)', default: d.website?.[0] ?? '', validate: (value) => value === '' || isHttpUrl(value) || 'An http(s) URL, or nothing' });
  const repository = await input({ message: 'Repository URL', default: d.repositories?.[0] ?? '', validate: (value) => value === '' || isHttpUrl(value) || 'An http(s) URL, or nothing' });
  const categories = await checkbox<Category>({
    message: 'Categories',
    choices: (['software', 'content', 'data', 'ai-system'] as const).map((value) => ({ value, checked: d.categories?.includes(value) ?? false })),
    required: true,
  });

  section('1', write);
  const goals = await checkbox<number>({ message: 'The SDGs the solution is MOST relevant to', choices: SDG_TITLES.map((title, index) => ({ value: index + 1, name: `${index + 1}. ${title}` })), pageSize: 17 });
  const sdgs = [];
  for (const goal of goals) {
    const relevance = await input({ message: `SDG ${goal}: how does the solution advance it? (a couple of sentences)` });
    const evidence = list(await input({ message: `SDG ${goal}: links that show it (comma-separated, optional)` }));
    sdgs.push({ goal, ...(optional(relevance) ? { relevance: relevance.trim() } : {}), ...(evidence.length > 0 ? { evidence } : {}) });
  }

  section('2', write);
  const detectedLicense = d.licenses?.[0];
  const expression = await input({ message: 'Licence (SPDX expression)', default: d.licenses?.map((license) => license.expression).join(' AND ') ?? '' });
  const licenseEvidence = await input({ message: 'Where the licence is published (file or URL)', default: detectedLicense?.evidence ?? 'LICENSE' });
  const licenses = expression.trim() === '' ? [] : d.licenses && d.licenses.map((license) => license.expression).join(' AND ') === expression ? d.licenses : [{ expression: expression.trim(), ...(optional(licenseEvidence) ? { evidence: licenseEvidence.trim() } : {}) }];

  section('3', write);
  const ownerName = await input({ message: 'Owner (an organisation, or the people who own it)', default: d.ownership?.owners?.[0]?.name ?? '' });
  const ownerType = await select<'organisation' | 'individual'>({ message: 'The owner is', choices: [{ value: 'organisation' }, { value: 'individual' }] });
  const ownershipEvidence = list(await input({ message: 'Evidence of ownership (copyright notice, terms; comma-separated)', default: (d.ownership?.evidence ?? []).join(', ') }));
  let ownsAll: boolean | undefined;
  if (categories.includes('content') || categories.includes('data')) ownsAll = await confirm({ message: 'Do the owners own (or hold the licence to) all of the content/data?', default: true });

  section('4', write);
  const hasClosed = await confirm({ message: 'Does it depend on a closed component that creates a proprietary dependency?', default: false });
  const closedComponents = [];
  if (hasClosed) {
    for (const component of list(await input({ message: 'The closed components (comma-separated)' }))) {
      const alternatives = list(await input({ message: `${component}: open alternatives (comma-separated)` }));
      closedComponents.push({ name: component, ...(alternatives.length > 0 ? { openAlternatives: alternatives } : {}) });
    }
  }

  section('5', write);
  const docs = list(await input({ message: 'Documentation (files, folders or URLs; comma-separated)', default: (d.documentation?.links ?? []).join(', ') }));

  section('6', write);
  const collectsNonPII = await confirm({ message: 'Does it collect or use non-personal data or content?', default: true });
  const mechanism = collectsNonPII ? optional(await input({ message: 'How can that data be exported or imported (APIs, exports)?' })) : undefined;
  const formats = collectsNonPII ? list(await input({ message: 'In which non-proprietary formats? (CSV, JSON, ...)' })) : [];

  section('7', write);
  const laws = list(await input({ message: 'Privacy and other laws it complies with (comma-separated, e.g. GDPR)' }));
  const privacyEvidence = list(await input({ message: 'Privacy policy or terms (comma-separated)', default: (d.privacy?.evidence ?? []).join(', ') }));

  section('8', write);
  const standards = list(await input({ message: 'Open standards it follows (comma-separated)', default: (d.standards?.openStandards ?? []).map((standard) => standard.name).join(', ') }));
  const practices = list(await input({ message: 'Best practices it follows (comma-separated, optional)' }));

  section('9a', write);
  const piiLevel = await select<ExposureLevel>({ message: 'Personally identifiable information (PII) is', choices: LEVELS });
  const piiTypes = piiLevel === 'none' ? [] : list(await input({ message: 'Which types of PII? (comma-separated)' }));
  const protections = piiLevel === 'none' ? undefined : optional(await input({ message: 'How are the privacy, security and integrity of PII ensured?' }));
  section('9b', write);
  const contentLevel = await select<ExposureLevel>({ message: 'Content is', choices: LEVELS });
  const moderation = contentLevel === 'collected-stored-distributed'
    ? { moderationPolicy: optional(await input({ message: 'Moderation policy (file or URL)' })), process: optional(await input({ message: 'How is inappropriate or illegal content detected, reported and removed?' })), responseTime: optional(await input({ message: 'Average response time (e.g. 48 hours)' })) }
    : {};
  section('9c', write);
  const userInteraction = await confirm({ message: 'Does it let users or contributors interact?', default: false });
  const codeOfConduct = await input({ message: 'Code of conduct (file or URL)', default: d.doNoHarm?.harassment?.codeOfConduct ?? '' });
  const protection = userInteraction ? optional(await input({ message: 'How can users protect themselves from harassment?' })) : undefined;
  const underageSafety = userInteraction ? optional(await input({ message: 'How is the safety of underage users addressed?' })) : undefined;

  write('\nContact for indicators 7-9\n');
  const contactName = await input({ message: 'Name of the person authorised to speak for the project (optional)', default: d.contact?.name ?? '' });
  const contactEmail = contactName.trim() === '' ? '' : await input({ message: 'Their email', default: d.contact?.email ?? '', validate: (value) => isEmail(value) || 'An email address' });
  const contactTitle = contactName.trim() === '' ? '' : await input({ message: 'Their title (optional)' });

  const manifest: DpgManifest = {
    name: name.trim(),
    ...(optional(description) ? { description: description.trim() } : {}),
    ...(optional(website) ? { website: [website.trim()] } : {}),
    ...(optional(repository) ? { repositories: [repository.trim()] } : {}),
    categories,
    sdgs,
    ...(licenses.length > 0 ? { licenses } : {}),
    ownership: { ...(optional(ownerName) ? { owners: [{ name: ownerName.trim(), type: ownerType }] } : {}), ...(ownershipEvidence.length > 0 ? { evidence: ownershipEvidence } : {}), ...(ownsAll !== undefined ? { ownsAllContentAndData: ownsAll } : {}) },
    platformIndependence: { hasClosedComponents: hasClosed, ...(closedComponents.length > 0 ? { closedComponents } : {}) },
    documentation: docs.length > 0 ? { links: docs } : {},
    dataExtraction: { collectsNonPII, ...(mechanism ? { mechanism } : {}), ...(formats.length > 0 ? { formats } : {}) },
    privacy: { laws: laws.map((law) => ({ name: law })), ...(privacyEvidence.length > 0 ? { evidence: privacyEvidence } : {}) },
    standards: { openStandards: standards.map((standard) => ({ name: standard, ...evidenceFor(standard, d) })), ...(practices.length > 0 ? { bestPractices: practices.map((practice) => ({ name: practice })) } : {}) },
    doNoHarm: {
      privacy: { piiLevel, ...(piiTypes.length > 0 ? { piiTypes } : {}), ...(protections ? { protections } : {}), ...(d.doNoHarm?.privacy?.evidence ? { evidence: d.doNoHarm.privacy.evidence } : {}) },
      content: { level: contentLevel, ...Object.fromEntries(Object.entries(moderation).filter(([, value]) => value !== undefined)) },
      harassment: { userInteraction, ...(optional(codeOfConduct) ? { codeOfConduct: codeOfConduct.trim() } : {}), ...(protection ? { protection } : {}), ...(underageSafety ? { underageSafety } : {}) },
    },
    ...(contactName.trim() !== '' && isEmail(contactEmail) ? { contact: { name: contactName.trim(), ...(optional(contactTitle) ? { title: contactTitle.trim() } : {}), email: contactEmail } } : {}),
  };
  return manifest;
}

/** A detected standard keeps the file it was found in as evidence. */
function evidenceFor(standard: string, detected: Detected['manifest']): { evidence?: string[] } {
  const found = detected.standards?.openStandards?.find((candidate) => candidate.name === standard);
  return found?.evidence ? { evidence: found.evidence } : {};
}
