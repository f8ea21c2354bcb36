import type { Loose } from '../util/defined.js';
import { checkbox, confirm, input, select } from '@inquirer/prompts';
import { isEmail, isHttpUrl, isRecord } from '../convert/answers.js';
import type { Facts } from '../facts/types.js';
import { answerQuality, readReference, referenceExists } from '../indicators/helpers.js';
import { INDICATORS } from '../indicators/index.js';
import type { Category, ClosedComponent, DpgManifest, ExposureLevel, NamedEvidence, Owner, SdgDeclaration } from '../manifest/types.js';
import { readPackageJson } from '../util/package-files.js';
import type { Detected } from './detect.js';

export const SDG_TITLES = [
  'No poverty',
  'Zero hunger',
  'Good health and well-being',
  'Quality education',
  'Gender equality',
  'Clean water and sanitation',
  'Affordable and clean energy',
  'Decent work and economic growth',
  'Industry, innovation and infrastructure',
  'Reduced inequalities',
  'Sustainable cities and communities',
  'Responsible consumption and production',
  'Climate action',
  'Life below water',
  'Life on land',
  'Peace, justice and strong institutions',
  'Partnerships for the goals',
];

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

const list = (text: string): string[] => [
  ...new Set(
    text
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  ),
];
const optional = (text: string): string | undefined => (text.trim() === '' ? undefined : text.trim());
const joined = (items: readonly string[] | undefined): string => (items ?? []).join(', ');
const nonEmpty = <T>(items: T[]): T[] | undefined => (items.length > 0 ? items : undefined);

let sdgTargets: Map<number, string[]> | undefined;
function targetsOf(goal: number): string[] {
  sdgTargets ??= new Map(
    readPackageJson<{ goals: Array<{ goal: number; targets: string[] }> }>('data/sdg-targets.json').goals.map(({ goal: id, targets }) => [id, targets]),
  );
  return sdgTargets.get(goal) ?? [];
}

/** An SDG's targets as `check` accepts them: real UN target ids under this goal. */
export function targetProblem(goal: number, answer: string): string | undefined {
  const known = targetsOf(goal);
  for (const target of list(answer)) {
    if (!known.includes(target)) return `${target} is not a target of SDG ${goal}; its targets are ${known.join(', ')}`;
  }
  return undefined;
}

/**
 * Answers that name evidence (comma-separated files, folders or URLs): a path must be in the
 * repository, as `check` requires (a URL is taken as given, never fetched).
 */
export function referenceProblem(answer: string, facts: Facts | undefined, separate = true): string | undefined {
  if (!facts?.hasRepository) return undefined;
  for (const item of separate ? list(answer) : [answer.trim()].filter(Boolean)) {
    const read = readReference(item, facts);
    if (read.kind === 'path' && !referenceExists(facts, read.path)) return `${read.path} is not in the repository: name a file or folder that is, or a URL`;
  }
  return undefined;
}

/** Free text that `check` would read as no answer ("TODO", "n/a"): refused, so that nothing is written as answered that is not. */
function textProblem(answer: string): string | undefined {
  return answerQuality(answer, 1) === 'placeholder' ? `"${answer.trim()}" reads as no answer: write the answer, or leave it empty to answer later` : undefined;
}

const validate =
  (...checks: Array<(value: string) => string | undefined>) =>
  (value: string): string | true => {
    for (const check of checks) {
      const problem = check(value);
      if (problem) return problem;
    }
    return true;
  };

/** The entry of a list of named things (laws, standards) with that name, so that what init does not ask about it is kept. */
function named<T extends { name: string }>(entries: readonly T[] | undefined, name: string): T | undefined {
  return entries?.find((entry) => entry.name.toLowerCase() === name.toLowerCase());
}

/** A list whose first entry was asked: the answer first, then the entries the question did not show. */
function replaceFirst(earlier: readonly string[] | undefined, answer: string): string[] | undefined {
  const rest = (earlier ?? []).slice(1).filter((item) => item !== answer.trim());
  return nonEmpty([...(optional(answer) ? [answer.trim()] : []), ...rest]);
}

/** Drops undefined values, at any depth, so that nothing is written as `key: undefined`: a Loose<T> becomes a T. */
function compact<T>(value: Loose<T>): T {
  if (Array.isArray(value)) return value.map((item) => compact(item)) as T;
  if (!isRecord(value)) return value as T;
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) continue;
    result[key] = compact(item);
  }
  return result as T;
}

/**
 * The questionnaire: one section per indicator, every answer pre-filled with what the manifest
 * already says (init --force) or the repository shows, and every question that `check` needs
 * answered asked: SDG targets and relevance, evidence for each standard, PII and content types, the
 * contact. Answers that name evidence are checked as `check` checks them. What is not asked (aliases,
 * `registry:`, `policy:`, an owner's URL, ...) is kept from the existing manifest. Returns the
 * manifest; nothing is written here.
 */
export async function askQuestions(detected: Detected, write: (text: string) => void): Promise<DpgManifest> {
  const d = detected.manifest;
  const facts = detected.facts;
  const references = (value: string): string | undefined => referenceProblem(value, facts);
  const reference = (value: string): string | undefined => referenceProblem(value, facts, false);
  write(`Answers in brackets were found in the repository${detected.existing ? ` or kept from ${detected.existing.path}` : ''}: press Enter to keep them.\n`);
  write('An answer left empty is written as a question still to answer; `dpg-check check` reports it until it is answered.\n');
  write('\nThe solution\n');
  const name = await input({ message: 'Name of the solution', ...(d.name !== undefined ? { default: d.name } : {}), required: true });
  const description = await input({ message: 'A tweet-length description', default: d.description ?? '' });
  const website = await input({
    message: 'Website (URL, optional)',
    default: d.website?.[0] ?? '',
    validate: (value) => value === '' || isHttpUrl(value) || 'An http(s) URL, or nothing',
  });
  const repository = await input({
    message: 'Repository URL',
    default: d.repositories?.[0] ?? '',
    validate: (value) => value === '' || isHttpUrl(value) || 'An http(s) URL, or nothing',
  });
  const categories = await checkbox<Category>({
    message: 'Categories',
    choices: (['software', 'content', 'data', 'ai-system'] as const).map((value) => ({ value, checked: d.categories?.includes(value) ?? false })),
    required: true,
  });

  section('1', write);
  const declaredGoals = new Set((d.sdgs ?? []).map((sdg) => sdg.goal));
  const goals = await checkbox<number>({
    message: 'The SDGs the solution is MOST relevant to',
    choices: SDG_TITLES.map((title, index) => ({ value: index + 1, name: `${index + 1}. ${title}`, checked: declaredGoals.has(index + 1) })),
    pageSize: 17,
  });
  const sdgs: SdgDeclaration[] = [];
  for (const goal of goals) {
    const earlier = d.sdgs?.find((sdg) => sdg.goal === goal);
    const targets = list(
      await input({
        message: `SDG ${goal}: the targets it serves (comma-separated, such as ${targetsOf(goal).slice(0, 2).join(', ')})`,
        default: joined(earlier?.targets),
        validate: validate((value) => targetProblem(goal, value)),
      }),
    );
    const relevance = await input({
      message: `SDG ${goal}: how does the solution advance it? (a couple of sentences)`,
      default: earlier?.relevance ?? '',
      validate: validate(textProblem),
    });
    const evidence = list(
      await input({
        message: `SDG ${goal}: links or files that show it (comma-separated)`,
        default: joined(earlier?.evidence),
        validate: validate(references),
      }),
    );
    sdgs.push({
      goal,
      ...(targets.length > 0 ? { targets } : {}),
      ...(optional(relevance) ? { relevance: relevance.trim() } : {}),
      ...(evidence.length > 0 ? { evidence } : {}),
    });
  }

  section('2', write);
  const earlierExpression = d.licenses?.map((license) => license.expression).join(' AND ') ?? '';
  const expression = await input({ message: 'Licence (SPDX expression)', default: earlierExpression });
  const keepLicenses = d.licenses !== undefined && d.licenses.length > 0 && expression.trim() === earlierExpression;
  const licenseEvidence =
    keepLicenses && d.licenses?.length !== 1
      ? undefined
      : await input({ message: 'Where the licence is published (file or URL)', default: d.licenses?.[0]?.evidence ?? '', validate: validate(reference) });
  const licenses =
    expression.trim() === ''
      ? []
      : keepLicenses
        ? (d.licenses ?? []).map((license, index) =>
            index === 0 && licenseEvidence !== undefined ? compact({ ...license, evidence: optional(licenseEvidence) }) : license,
          )
        : [{ expression: expression.trim(), ...(licenseEvidence && optional(licenseEvidence) ? { evidence: licenseEvidence.trim() } : {}) }];

  section('3', write);
  const earlierOwners = d.ownership?.owners ?? [];
  const ownerName = await input({ message: 'Owner (an organisation, or the people who own it)', default: earlierOwners[0]?.name ?? '' });
  const ownerType = await select<'organisation' | 'individual'>({
    message: 'The owner is',
    choices: [{ value: 'organisation' }, { value: 'individual' }],
    default: earlierOwners[0]?.type ?? 'organisation',
  });
  const ownershipEvidence = list(
    await input({
      message: 'Evidence of ownership (copyright notice, terms; comma-separated)',
      default: joined(d.ownership?.evidence),
      validate: validate(references),
    }),
  );
  let ownsAll: boolean | undefined;
  let redistributionEvidence: string[] = [];
  if (categories.includes('content') || categories.includes('data')) {
    ownsAll = await confirm({
      message: 'Do the owners own (or hold the licence to) all of the content/data?',
      default: d.ownership?.ownsAllContentAndData ?? true,
    });
    if (!ownsAll)
      redistributionEvidence = list(
        await input({
          message: 'Evidence of the right to redistribute what they do not own (comma-separated)',
          default: joined(d.ownership?.redistributionEvidence),
          validate: validate(references),
        }),
      );
  }
  // The question shows the first owner; the others (and what is not asked of the first, its URL) are kept.
  const otherOwners = earlierOwners.slice(1).filter((owner) => owner.name.toLowerCase() !== ownerName.trim().toLowerCase());
  const owners: Owner[] = [
    ...(optional(ownerName) ? [{ ...named(earlierOwners, ownerName.trim()), name: ownerName.trim(), type: ownerType }] : []),
    ...otherOwners,
  ];

  section('4', write);
  const earlierComponents = d.platformIndependence?.closedComponents ?? [];
  const hasClosed = await confirm({
    message: 'Does it depend on a closed component that creates a proprietary dependency?',
    default: d.platformIndependence?.hasClosedComponents ?? earlierComponents.length > 0,
  });
  const closedComponents: ClosedComponent[] = [];
  if (hasClosed) {
    for (const component of list(
      await input({ message: 'The closed components (comma-separated)', default: joined(earlierComponents.map((item) => item.name)) }),
    )) {
      const earlier = named(earlierComponents, component);
      const alternatives = list(await input({ message: `${component}: open alternatives (comma-separated)`, default: joined(earlier?.openAlternatives) }));
      const optionalComponent =
        alternatives.length === 0
          ? await confirm({ message: `${component}: can the solution run without it?`, default: earlier?.mandatory === false })
          : undefined;
      closedComponents.push(
        compact<ClosedComponent>({
          ...earlier,
          name: component,
          openAlternatives: nonEmpty(alternatives),
          mandatory: optionalComponent ? false : alternatives.length === 0 ? undefined : earlier?.mandatory,
        }),
      );
    }
  }

  section('5', write);
  const docs = list(
    await input({
      message: 'Documentation (files, folders or URLs; comma-separated)',
      default: joined(d.documentation?.links),
      validate: validate(references),
    }),
  );
  const dataFields = categories.includes('data')
    ? optional(
        await input({
          message: "Where the data's fields are described (a data dictionary, datapackage.json; file or URL)",
          default: d.documentation?.dataFields ?? '',
          validate: validate(reference),
        }),
      )
    : d.documentation?.dataFields;

  section('6', write);
  const collectsNonPII = await confirm({ message: 'Does it collect or use non-personal data or content?', default: d.dataExtraction?.collectsNonPII ?? true });
  const mechanism = collectsNonPII
    ? optional(
        await input({
          message: 'How can that data be exported or imported (APIs, exports)?',
          default: d.dataExtraction?.mechanism ?? '',
          validate: validate(textProblem),
        }),
      )
    : undefined;
  const formats = collectsNonPII
    ? list(await input({ message: 'In which non-proprietary formats? (CSV, JSON, ...)', default: joined(d.dataExtraction?.formats) }))
    : [];

  section('7', write);
  const laws = list(
    await input({ message: 'Privacy and other laws it complies with (comma-separated, e.g. GDPR)', default: joined(d.privacy?.laws?.map((law) => law.name)) }),
  );
  const privacyEvidence = list(
    await input({
      message: 'Privacy policy, terms or other evidence of compliance (comma-separated)',
      default: joined(d.privacy?.evidence),
      validate: validate(references),
    }),
  );

  section('8', write);
  const askEvidence = async (kind: string, names: string[], earlier: readonly NamedEvidence[] | undefined): Promise<NamedEvidence[]> => {
    const result: NamedEvidence[] = [];
    for (const standard of names) {
      const before = named(earlier ?? [], standard);
      const evidence = list(
        await input({
          message: `${standard}: evidence that it ${kind} it (files or URLs, comma-separated)`,
          default: joined(before?.evidence),
          validate: validate(references),
        }),
      );
      result.push(compact<NamedEvidence>({ ...before, name: standard, evidence: nonEmpty(evidence) }));
    }
    return result;
  };
  const standards = await askEvidence(
    'follows',
    list(
      await input({ message: 'Open standards it follows (comma-separated)', default: joined(d.standards?.openStandards?.map((standard) => standard.name)) }),
    ),
    d.standards?.openStandards,
  );
  const practices = await askEvidence(
    'applies',
    list(
      await input({
        message: 'Best practices it follows (comma-separated, optional)',
        default: joined(d.standards?.bestPractices?.map((practice) => practice.name)),
      }),
    ),
    d.standards?.bestPractices,
  );
  const aiRiskAssessment = categories.includes('ai-system')
    ? optional(await input({ message: 'The AI risk assessment (file or URL)', default: d.standards?.aiRiskAssessment ?? '', validate: validate(reference) }))
    : d.standards?.aiRiskAssessment;

  section('9a', write);
  const pii = d.doNoHarm?.privacy;
  const piiLevel = await select<ExposureLevel>({
    message: 'Personally identifiable information (PII) is',
    choices: LEVELS,
    ...(pii?.piiLevel ? { default: pii.piiLevel } : {}),
  });
  const piiTypes = piiLevel === 'none' ? [] : list(await input({ message: 'Which types of PII? (comma-separated)', default: joined(pii?.piiTypes) }));
  const protections =
    piiLevel === 'none'
      ? undefined
      : optional(
          await input({
            message: 'How are the privacy, security and integrity of PII ensured?',
            default: pii?.protections ?? '',
            validate: validate(textProblem),
          }),
        );
  section('9b', write);
  const earlierContent = d.doNoHarm?.content;
  const contentLevel = await select<ExposureLevel>({
    message: 'Content is',
    choices: LEVELS,
    ...(earlierContent?.level ? { default: earlierContent.level } : {}),
  });
  const distributes = contentLevel === 'collected-stored-distributed';
  const contentTypes =
    contentLevel === 'none' ? [] : list(await input({ message: 'Which types of content? (comma-separated)', default: joined(earlierContent?.types) }));
  const moderationPolicy =
    contentLevel === 'none'
      ? undefined
      : optional(
          await input({
            message: `Moderation policy (file or URL${distributes ? '' : ', optional'})`,
            default: earlierContent?.moderationPolicy ?? '',
            validate: validate(reference),
          }),
        );
  const moderationProcess = distributes
    ? optional(
        await input({
          message: 'How is inappropriate or illegal content detected, reported and removed?',
          default: earlierContent?.process ?? '',
          validate: validate(textProblem),
        }),
      )
    : undefined;
  const responseTime = distributes
    ? optional(await input({ message: 'Average response time (e.g. 48 hours)', default: earlierContent?.responseTime ?? '' }))
    : undefined;
  section('9c', write);
  const earlierHarassment = d.doNoHarm?.harassment;
  const userInteraction = await confirm({ message: 'Does it let users or contributors interact?', default: earlierHarassment?.userInteraction ?? false });
  const codeOfConduct = await input({
    message: 'Code of conduct (file or URL)',
    default: earlierHarassment?.codeOfConduct ?? '',
    validate: validate(reference),
  });
  const protection = userInteraction
    ? optional(
        await input({
          message: 'How can users protect themselves from harassment?',
          default: earlierHarassment?.protection ?? '',
          validate: validate(textProblem),
        }),
      )
    : undefined;
  const underageSafety = userInteraction
    ? optional(
        await input({
          message: 'How is the safety of underage users addressed?',
          default: earlierHarassment?.underageSafety ?? '',
          validate: validate(textProblem),
        }),
      )
    : undefined;

  write('\nContact for indicators 7-9\n');
  const contactName = await input({
    message: 'Name of the person authorised to speak for the project (needed for indicators 7-9; empty to answer later)',
    default: d.contact?.name ?? '',
  });
  const contactEmail =
    contactName.trim() === ''
      ? ''
      : await input({ message: 'Their email', default: d.contact?.email ?? '', validate: (value) => isEmail(value) || 'An email address' });
  const contactTitle = contactName.trim() === '' ? '' : await input({ message: 'Their title (optional)', default: d.contact?.title ?? '' });

  const answered: Loose<Partial<DpgManifest>> = {
    name: name.trim(),
    description: optional(description),
    website: replaceFirst(d.website, website),
    repositories: replaceFirst(d.repositories, repository),
    categories,
    sdgs,
    licenses: nonEmpty(licenses),
    ownership: {
      ...d.ownership,
      owners: nonEmpty(owners),
      evidence: nonEmpty(ownershipEvidence),
      ownsAllContentAndData: ownsAll,
      redistributionEvidence: ownsAll === false ? nonEmpty(redistributionEvidence) : undefined,
    },
    platformIndependence: { ...d.platformIndependence, hasClosedComponents: hasClosed, closedComponents: nonEmpty(closedComponents) },
    documentation: { ...d.documentation, links: nonEmpty(docs), dataFields },
    dataExtraction: { ...d.dataExtraction, collectsNonPII, mechanism, formats: nonEmpty(formats) },
    privacy: { ...d.privacy, laws: laws.map((law) => named(d.privacy?.laws, law) ?? { name: law }), evidence: nonEmpty(privacyEvidence) },
    standards: { ...d.standards, openStandards: standards, bestPractices: nonEmpty(practices), aiRiskAssessment },
    doNoHarm: {
      ...d.doNoHarm,
      privacy: { piiLevel, piiTypes: nonEmpty(piiTypes), protections, evidence: pii?.evidence },
      content: { level: contentLevel, types: nonEmpty(contentTypes), moderationPolicy, process: moderationProcess, responseTime },
      harassment: { userInteraction, codeOfConduct: optional(codeOfConduct), protection, underageSafety },
    },
    contact:
      contactName.trim() !== '' && isEmail(contactEmail)
        ? { name: contactName.trim(), ...(optional(contactTitle) ? { title: contactTitle.trim() } : {}), email: contactEmail.trim() }
        : undefined,
  };
  // What was not asked (aliases, registry, policy, ...) stays as the existing manifest has it; what was asked is as answered.
  return compact<DpgManifest>({ ...d, ...answered } as Loose<DpgManifest>);
}
