/**
 * Community health files by name, where GitHub shows them from (the root, `.github/`, `docs/`; GitLab's
 * `.gitlab/`): the checks judge them (src/facts), and the GitHub source stands in the owner's
 * `.github` repository's files for the kinds a repository lacks, as GitHub does. Names only.
 */
export type CommunityFileKind = 'codeOfConduct' | 'security' | 'contributing' | 'support' | 'governance' | 'privacy';

const COMMUNITY_PATTERNS: Record<CommunityFileKind, RegExp> = {
  codeOfConduct: /^(?:code[-_ ]?of[-_ ]?conduct|conduct)(?:\.\w+)?$/i,
  security: /^security(?:[-_]policy)?(?:\.\w+)?$/i,
  contributing: /^contributing(?:\.\w+)?$/i,
  support: /^support(?:\.\w+)?$/i,
  governance: /^governance(?:\.\w+)?$/i,
  privacy: /^privacy(?:[-_ ]?policy)?(?:\.\w+)?$/i,
};

/** GitHub shows community files from these folders; anything deeper is not the project's policy. */
const COMMUNITY_FOLDERS = ['', '.github/', 'docs/', '.gitlab/'];

export function findCommunityFiles(files: readonly string[]): Partial<Record<CommunityFileKind, string[]>> {
  const found: Partial<Record<CommunityFileKind, string[]>> = {};
  for (const file of files) {
    const slash = file.indexOf('/');
    if (slash !== -1 && file.indexOf('/', slash + 1) !== -1) continue;
    const folder = COMMUNITY_FOLDERS.find((candidate) => file.startsWith(candidate) && !file.slice(candidate.length).includes('/'));
    if (folder === undefined) continue;
    const basename = file.slice(folder.length);
    for (const [kind, pattern] of Object.entries(COMMUNITY_PATTERNS) as Array<[CommunityFileKind, RegExp]>) {
      if (pattern.test(basename)) (found[kind] ??= []).push(file);
    }
  }
  return found;
}
