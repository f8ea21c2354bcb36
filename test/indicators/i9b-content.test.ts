import { contentIndicator } from '../../src/indicators/i9b-content.js';
import { testIndicator } from '../support/indicator-tester.js';

/** A community radio archive where listeners upload recordings; each case changes `doNoHarm.content:`. */
const FILES = {
  'README.md': '# Radio Archive\n\nCommunity radio stations share recordings; listeners upload and comment.\n',
  'docs/moderation-policy.md': '# Moderation policy\n\nWe remove child sexual abuse material, hate speech and misinformation...\n',
};

const PROCESS = 'Listeners flag a recording; two volunteer moderators review flags daily and remove what breaks the policy, and the uploader is told why.';

function manifest(content?: Record<string, unknown>): Record<string, unknown> {
  return { name: 'Radio Archive', categories: ['software'], ...(content ? { doNoHarm: { content } } : {}) };
}

const DISTRIBUTED = {
  level: 'collected-stored-distributed',
  types: ['audio recordings', 'comments'],
  moderationPolicy: 'docs/moderation-policy.md',
  process: PROCESS,
  responseTime: '48 hours',
};

testIndicator(contentIndicator, {
  valid: [
    {
      name: 'no user content',
      files: FILES,
      manifest: manifest({ level: 'none' }),
      expect: [{ code: 'content/none', message: 'Declares that content is not collected, stored or distributed.' }],
    },
    {
      name: 'distributed content with a policy, a process and a response time',
      files: FILES,
      manifest: manifest(DISTRIBUTED),
      expect: [
        { code: 'content/declared', message: 'Content (collected-stored-distributed) is moderated under docs/moderation-policy.md; response time 48 hours.' },
        {
          code: 'content/policy-review',
          status: 'review',
          message: 'The moderation policy docs/moderation-policy.md must cover the content the solution handles (audio recordings, comments).',
        },
      ],
    },
    {
      name: 'a policy on the web site',
      files: { 'README.md': FILES['README.md'] },
      manifest: manifest({ ...DISTRIBUTED, moderationPolicy: 'https://radioarchive.example.org/community-rules' }),
      expect: ['content/declared', 'content/policy-review'],
    },
    {
      name: 'a process described in a few words',
      files: FILES,
      manifest: manifest({ ...DISTRIBUTED, process: 'Moderators remove flagged uploads.' }),
      expect: [
        'content/declared',
        { code: 'content/process-brief', message: 'The process for handling reported content is described briefly: "Moderators remove flagged uploads.".' },
      ],
    },
  ],
  invalid: [
    {
      name: 'the manifest does not say',
      files: FILES,
      manifest: manifest(),
      expect: [{ code: 'content/not-declared', status: 'fail' }],
    },
    {
      name: 'distributed content with no types listed',
      files: FILES,
      manifest: manifest({ ...DISTRIBUTED, types: undefined }),
      expect: [{ code: 'content/types-missing', message: 'The solution handles content (collected-stored-distributed), but its types are not listed.' }],
    },
    {
      name: 'distributed content with nothing said about moderation',
      files: FILES,
      manifest: manifest({ level: 'collected-stored-distributed', types: ['audio recordings'] }),
      expect: ['content/policy-missing', 'content/process-missing', { code: 'content/response-time-missing', status: 'warn' }],
    },
    {
      name: 'stored content without a policy is a warning',
      files: FILES,
      manifest: manifest({ level: 'collected-stored', types: ['audio recordings'] }),
      expect: [{ code: 'content/policy-recommended', status: 'warn', message: 'The solution collected, stored content, but no moderation policy is given.' }],
    },
    {
      name: 'a policy file the repository does not have',
      files: { 'README.md': FILES['README.md'] },
      manifest: manifest(DISTRIBUTED),
      expect: [
        {
          code: 'content/policy-not-found',
          message: 'The moderation policy points at docs/moderation-policy.md, which is not in the repository.',
          evidence: [{ path: 'dpg.yaml' }],
        },
      ],
    },
  ],
});
