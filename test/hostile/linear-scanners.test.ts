/**
 * The linear scanners that replaced quadratic regular expressions (issue 8) must do exactly what those
 * expressions did: the licence corpus is normalised with them, and a changed normalisation would
 * change which licence a file is said to hold. Each scanner is compared with its expression on
 * generated markup made of the characters the expression cares about. (Their speed on pathological
 * input is measured by bench/pathological.js, not here.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  removeDeclarationsAndProcessingInstructions,
  removeEmails,
  removeRawTextElements,
  replaceLinks,
  unboxLines,
} from '../../src/licenses/text/normalize.js';
import { lineBoundedFinder, replaceSpans } from '../../src/util/spans.js';

const RUNS = 3000;
const SEED = 8;

/** Strings built from the given pieces (and a little noise), up to 40 pieces long. */
function markup(pieces: string[]): fc.Arbitrary<string> {
  return fc
    .array(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...pieces) }, fc.string({ maxLength: 3 })), { maxLength: 40 })
    .map((parts) => parts.join(''));
}

function sameAs(scanner: (text: string) => string, reference: (text: string) => string, pieces: string[]): void {
  fc.assert(
    fc.property(markup(pieces), (text) => {
      expect(scanner(text)).toBe(reference(text));
    }),
    { numRuns: RUNS, seed: SEED },
  );
}

describe('linear scanners remove exactly what their regular expressions removed', () => {
  it('replaceSpans(text, "<!--", "-->") is /<!--[\\s\\S]*?-->/g replaced by a space', () => {
    sameAs(
      (text) => replaceSpans(text, '<!--', '-->'),
      (text) => text.replace(/<!--[\s\S]*?-->/g, ' '),
      ['<!--', '-->', '<!-', '->', '-', '\n', 'a'],
    );
  });

  it('replaceSpans with a pattern as closer finds the same spans as the lazy expression', () => {
    sameAs(
      (text) => replaceSpans(text, '<x', /<\/x\s*>/g, '|'),
      (text) => text.replace(/<x[\s\S]*?<\/x\s*>/g, '|'),
      ['<x', '</x>', '</x >', '</x', '>', ' ', '\n', 'x'],
    );
  });

  it('lineBoundedFinder finds the first "]" or line break, for growing starts', () => {
    fc.assert(
      fc.property(markup([']', '\n', 'a', '[']), fc.array(fc.nat({ max: 50 }), { maxLength: 10 }), (text, steps) => {
        const find = lineBoundedFinder(text, ']');
        let from = 0;
        for (const step of steps) {
          from += step;
          const indices = [text.indexOf(']', from), text.indexOf('\n', from)].filter((index) => index !== -1);
          expect(find(from)).toBe(indices.length === 0 ? -1 : Math.min(...indices));
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  const LINK_PIECES = ['[', ']', '(', ')', '![', '](', '][', '[a]', '(u)', '!', '\n', ' ', 'a'];

  it('replaceLinks(inline) is /!?\\[([^\\]\\n]*)\\]\\([^)\\n]*\\)/g replaced by $1', () => {
    sameAs(
      (text) => replaceLinks(text, 'inline'),
      (text) => text.replace(/!?\[([^\]\n]*)\]\([^)\n]*\)/g, '$1'),
      LINK_PIECES,
    );
  });

  it('replaceLinks(reference) is /!?\\[([^\\]\\n]+)\\]\\[[^\\]\\n]*\\]/g replaced by $1', () => {
    sameAs(
      (text) => replaceLinks(text, 'reference'),
      (text) => text.replace(/!?\[([^\]\n]+)\]\[[^\]\n]*\]/g, '$1'),
      LINK_PIECES,
    );
  });

  it('unboxLines is /^[ \\t]*[*|][ \\t]?(.*?)[ \\t]*[*|][ \\t]*$/gm replaced by $1, whatever ends the lines', () => {
    sameAs(unboxLines, (text) => text.replace(/^[ \t]*[*|][ \t]?(.*?)[ \t]*[*|][ \t]*$/gm, '$1'), [
      '*',
      '|',
      ' ',
      '\t',
      '\n',
      '\r',
      '\r\n',
      '\u2028',
      '\u2029',
      'a',
      '**',
      '* a *',
    ]);
  });

  it('removeEmails is /[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+/g replaced by a space', () => {
    sameAs(removeEmails, (text) => text.replace(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, ' '), ['a', 'b', '.', '+', '-', '@', ' ', 'x@y.z', 'a.b', '@c', '_']);
  });

  it('removeRawTextElements is /<(head|style|script|title)\\b[^<>]*>[\\s\\S]*?<\\/\\1\\s*>/gi replaced by a paragraph break', () => {
    sameAs(removeRawTextElements, (text) => text.replace(/<(head|style|script|title)\b[^<>]*>[\s\S]*?<\/\1\s*>/gi, '\n\n'), [
      '<head>',
      '</head>',
      '<HEAD x>',
      '</Head >',
      '<title>',
      '</title>',
      '<style',
      '</style\n>',
      '<header>',
      '</head',
      '<',
      '>',
      ' ',
      'a',
    ]);
  });

  it('removeDeclarationsAndProcessingInstructions is /<![^<>]*>|<\\?[\\s\\S]*?\\?>/g replaced by a space', () => {
    sameAs(removeDeclarationsAndProcessingInstructions, (text) => text.replace(/<![^<>]*>|<\?[\s\S]*?\?>/g, ' '), [
      '<!',
      '<?',
      '?>',
      '>',
      '<',
      '?',
      '!',
      '\n',
      'a',
      '<!x>',
      '<?x ?>',
    ]);
  });
});
