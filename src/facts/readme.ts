import type { ReadmeFacts } from './types.js';

const README_NAME = /^readme(?:\.(md|markdown|rst|txt|adoc|asciidoc|org))?$/i;
const PREFERRED_EXTENSIONS = ['md', 'markdown', 'rst', 'adoc', 'asciidoc', 'org', 'txt', ''];

/** The README a visitor sees first: the root's, else `.github/` or `docs/`. */
export function findReadme(allFiles: readonly string[]): string | undefined {
  const files = allFiles.filter((file) => /(^|\/)readme[^/]*$/i.test(file));
  for (const folder of ['', '.github/', 'docs/']) {
    const candidates = files.filter((file) => file.startsWith(folder) && !file.slice(folder.length).includes('/') && README_NAME.test(file.slice(folder.length)));
    if (candidates.length > 0) {
      return candidates.sort((a, b) => rank(a) - rank(b))[0];
    }
  }
  return undefined;
}

function rank(file: string): number {
  const extension = /\.(\w+)$/.exec(file)?.[1]?.toLowerCase() ?? '';
  const index = PREFERRED_EXTENSIONS.indexOf(extension);
  return index === -1 ? PREFERRED_EXTENSIONS.length : index;
}

export function analyseReadme(path: string, text: string): ReadmeFacts {
  const lines = text.split(/\r\n|\r|\n/);
  const headings: ReadmeFacts['headings'] = [];
  let inFence = false;
  const proseLines: string[] = [];
  lines.forEach((line, index) => {
    if (/^\s*(```|~~~)/.test(line)) {
      inFence = !inFence;
      return;
    }
    if (inFence) return;
    const atx = /^\s{0,3}(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line);
    const asciidoc = /^(={1,6})\s+(.+)$/.exec(line);
    const next = lines[index + 1] ?? '';
    if (atx?.[1] && atx[2]) headings.push({ level: atx[1].length, text: stripInline(atx[2]), line: index + 1 });
    else if (asciidoc?.[1] && asciidoc[2]) headings.push({ level: asciidoc[1].length, text: asciidoc[2].trim(), line: index + 1 });
    else if (line.trim() !== '' && /^(=+|-+|~+|\^+|\*+)\s*$/.test(next) && next.trim().length >= Math.min(3, line.trim().length)) {
      // Setext (Markdown) and reStructuredText headings: a line underlined by a row of one character.
      headings.push({ level: next.trim().startsWith('=') ? 1 : 2, text: stripInline(line.trim()), line: index + 1 });
    }
    proseLines.push(line);
  });
  const prose = proseLines
    .join('\n')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[!\[[^\]]*\]\([^)]*\)\]\([^)]*\)/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ');
  const wordCount = prose.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)?.length ?? 0;
  return { path, text, wordCount, headings };
}

function stripInline(text: string): string {
  return text.replace(/[*_`]/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').trim();
}
