/**
 * The code of conduct a harassment answer links. Applicants answer "how can users protect themselves
 * from harassment" with their code of conduct ("Code of conduct - https://…/CODE_OF_CONDUCT.md", "We
 * follow the Contributor Covenant: https://…"); the manifest keeps that link apart, as `codeOfConduct`.
 *
 * A link counts when it names a code of conduct itself (CODE_OF_CONDUCT.md, /code-of-conduct,
 * contributor-covenant.org, /conduct/) or when the words "code of conduct" (or "Contributor Covenant")
 * come right before it; a repository path counts when its file name names one. Every pattern here reads
 * the text once: no nested quantifiers, no lazy runs.
 */

/** A URL up to the first blank or quote; its closing punctuation is trimmed after. */
const URL_PATTERN = /https?:\/\/[^\s<>"'`]+/g;
/** "code of conduct", "Contributor Covenant", then only separators, at the end of the text before a link. */
const INTRODUCED = /(?:code\s{1,3}of\s{1,3}conduct|contributor\s{1,3}covenant)[\s:(\-–—]{0,6}$/i;
/** A path inside the repository (no scheme), of a document. */
const DOCUMENT_PATH = /^[\w./-]{1,300}\.(?:md|markdown|rst|txt|adoc|html?)$/i;
/** How far before a link "code of conduct" may stand. */
const LOOK_BEHIND = 40;

/** The first code of conduct the texts link, in their order; undefined when none does. */
export function codeOfConductIn(texts: ReadonlyArray<string | undefined>): string | undefined {
  for (const text of texts) {
    if (!text) continue;
    const found = firstIn(text);
    if (found !== undefined) return found;
  }
  return undefined;
}

function firstIn(text: string): string | undefined {
  const candidates: Array<{ at: number; value: string }> = [];
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = trimUrl(match[0]);
    const before = text.slice(Math.max(0, match.index - LOOK_BEHIND), match.index);
    if (namesCodeOfConduct(url) || INTRODUCED.test(before)) candidates.push({ at: match.index, value: url });
  }
  let offset = 0;
  for (const word of text.split(/(\s+)/)) {
    const path = word.replace(/^[("'[]+/, '').replace(/[)"'\].,;:]+$/, '');
    if (!/^https?:/i.test(path) && DOCUMENT_PATH.test(path) && namesCodeOfConduct(path)) candidates.push({ at: offset, value: path });
    offset += word.length;
  }
  candidates.sort((a, b) => a.at - b.at);
  return candidates[0]?.value;
}

/** Whether a URL or path names a code of conduct, however it is spelt (CODE_OF_CONDUCT, Code+of+Conduct, codeofconduct). */
export function namesCodeOfConduct(reference: string): boolean {
  const lower = reference.toLowerCase();
  const squashed = lower.replace(/%20|[^a-z0-9]/g, '');
  if (squashed.includes('codeofconduct') || squashed.includes('contributorcovenant')) return true;
  return lower.split(/[/#?]/).includes('conduct');
}

/** A URL without the punctuation that closes the sentence around it: "(https://x/y)." -> https://x/y. */
function trimUrl(url: string): string {
  // Brackets are counted once: a closing one is trimmed while the URL holds more closing than opening ones.
  const open = { ')': count(url, '('), ']': count(url, '[') };
  const close = { ')': count(url, ')'), ']': count(url, ']') };
  let end = url.length;
  for (;;) {
    const last = url[end - 1];
    if (last === undefined) break;
    if ('.,;:!?\'"'.includes(last)) end--;
    else if ((last === ')' || last === ']') && open[last] < close[last]) {
      close[last]--;
      end--;
    } else break;
  }
  return url.slice(0, end);
}

function count(text: string, char: string): number {
  let total = 0;
  for (const item of text) if (item === char) total++;
  return total;
}
