import { defineCodes, type DraftOf } from '../findings.js';
import { answerQuality, excerpt, manifestEvidence, missingReferences } from './helpers.js';
import { STANDARD_URL, type IndicatorModule } from './types.js';

const codes = defineCodes({
  'content/none': {
    status: 'pass',
    title: 'No user content',
    description: 'The solution does not collect, store or distribute content.',
    message: 'Declares that content is not collected, stored or distributed.',
  },
  'content/declared': {
    status: 'pass',
    title: 'Content moderation described',
    description: 'A moderation policy, process and response time are given.',
    message: 'Content ({level}) is moderated under {policy}; response time {?responseTime:{responseTime}|not stated}.',
  },
  'content/not-declared': {
    unanswered: true,
    status: 'fail',
    title: 'Content handling not declared',
    description: 'The application asks whether the solution collects, stores or distributes content.',
    message: 'The manifest does not say whether the solution collects, stores or distributes content.',
    fix: 'Add `doNoHarm.content.level`: none, collected, collected-stored or collected-stored-distributed.',
  },
  'content/types-missing': {
    status: 'fail',
    title: 'Content types not listed',
    description: 'The application asks which types of content are collected, stored or distributed.',
    message: 'The solution handles content ({level}), but its types are not listed.',
    fix: 'List them under `doNoHarm.content.types`.',
  },
  'content/policy-missing': {
    status: 'fail',
    title: 'No moderation policy',
    description:
      'A solution that distributes content must have a policy that identifies inappropriate, misleading and illegal content, including child sexual abuse material.',
    message: 'The solution distributes content, but no moderation policy is given.',
    fix: 'Publish a content policy and link it as `doNoHarm.content.moderationPolicy`.',
  },
  'content/policy-recommended': {
    status: 'warn',
    title: 'No moderation policy',
    description: 'A solution that collects or stores content should say how inappropriate or illegal content is identified and handled.',
    message: 'The solution {level} content, but no moderation policy is given.',
    fix: 'Link a content policy as `doNoHarm.content.moderationPolicy`.',
  },
  'content/policy-not-found': {
    status: 'fail',
    title: 'Moderation policy file missing',
    description: 'A policy given as a repository path must exist.',
    message: 'The moderation policy points at {reference}, which is not in the repository.',
    fix: 'Correct the path, add the file, or give a URL.',
  },
  'content/process-missing': {
    status: 'fail',
    title: 'No moderation process',
    description: 'There must be processes for detecting, moderating, reporting and removing inappropriate or illegal content.',
    message: 'The solution distributes content, but the process for detecting, reporting and removing inappropriate content is not described.',
    fix: 'Describe it under `doNoHarm.content.process`.',
  },
  'content/response-time-missing': {
    // A warning since session 3: the Standard asks for policies and processes; the response time is a
    // question of the application form (which the DPGA's earlier form did not ask), not a requirement.
    status: 'warn',
    title: 'No response time',
    description:
      'The application form asks for the average response time for assessment and action; the Standard itself requires the policies and processes, so a missing response time is a weakness, not a failure.',
    message: 'The solution distributes content, but no response time for reports is given.',
    fix: 'State it under `doNoHarm.content.responseTime`, for example "48 hours".',
  },
  'content/process-brief': {
    status: 'review',
    title: 'Content process described briefly',
    description:
      'A process for detecting and removing illegal or inappropriate content described in a few words is an answer, but a terse one: whether it works is for a reviewer to judge.',
    message: 'The process for handling reported content is described briefly: "{text}".',
    question: 'Does "{text}" detect, assess and remove illegal, inappropriate and misleading content in practice?',
    fix: 'Describe how content is reported, assessed and removed, and by whom.',
  },
  'content/policy-review': {
    status: 'review',
    title: 'Content policy to assess',
    description: 'Whether a policy really covers what the Standard names is a judgement for a reviewer.',
    message: 'The moderation policy {policy} must cover the content the solution handles ({types}).',
    question: 'Does the policy identify child sexual abuse material, illegal and misleading content, and does the process remove it in the stated time?',
  },
});

/** A finding of this indicator: one of its codes, with the arguments its templates name. */
type Draft = DraftOf<typeof codes>;

export const contentIndicator: IndicatorModule = {
  meta: {
    id: '9b',
    title: 'Inappropriate and illegal content',
    requirement:
      'Digital public goods that collect, store or distribute content must have policies identifying inappropriate, misleading and illegal content such as child sexual abuse materials, in addition to processes for detecting, moderating, reporting and removing it.',
    url: STANDARD_URL,
  },
  codes,
  check(facts) {
    const content = facts.manifest?.data?.doNoHarm?.content;
    const level = content?.level;
    const evidence = manifestEvidence(facts, '/doNoHarm/content');
    if (!level) return [{ code: 'content/not-declared', evidence: manifestEvidence(facts, '') }];
    if (level === 'none') return [{ code: 'content/none', evidence }];
    const findings: Draft[] = [];
    const distributes = level === 'collected-stored-distributed';
    const types = content?.types ?? [];
    if (types.length === 0) findings.push({ code: 'content/types-missing', args: { level }, evidence });
    if (!content?.moderationPolicy)
      findings.push(
        distributes ? { code: 'content/policy-missing', evidence } : { code: 'content/policy-recommended', args: { level: level.split('-') }, evidence },
      );
    else {
      for (const missing of missingReferences(facts, [{ reference: content.moderationPolicy, pointer: '/doNoHarm/content/moderationPolicy' }])) {
        findings.push({ code: 'content/policy-not-found', args: { reference: missing.reference }, evidence: manifestEvidence(facts, missing.pointer) });
      }
    }
    const process = answerQuality(content?.process, 6);
    if (distributes && (process === 'missing' || process === 'placeholder')) findings.push({ code: 'content/process-missing', evidence });
    else if (distributes && process === 'brief')
      findings.push({ code: 'content/process-brief', args: { text: excerpt(content?.process as string, 80) }, evidence });
    if (distributes && !content?.responseTime?.trim()) findings.push({ code: 'content/response-time-missing', evidence });
    if (
      findings.every(
        (finding) =>
          finding.code !== 'content/policy-missing' &&
          finding.code !== 'content/process-missing' &&
          finding.code !== 'content/response-time-missing' &&
          finding.code !== 'content/types-missing' &&
          finding.code !== 'content/policy-not-found',
      )
    ) {
      if (content?.moderationPolicy) {
        findings.unshift({
          code: 'content/declared',
          args: { level, policy: content.moderationPolicy, responseTime: content.responseTime },
          evidence,
        });
        findings.push({
          code: 'content/policy-review',
          args: { policy: content.moderationPolicy, types },
          evidence: manifestEvidence(facts, '/doNoHarm/content/moderationPolicy'),
        });
      }
    }
    return findings;
  },
};
