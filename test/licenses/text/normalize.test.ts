import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createRequire } from 'node:module';
import { normalizeLicenseText as normalize, tokenize, wordSet } from '../../../src/licenses/text/normalize.js';

const require = createRequire(import.meta.url);
const spdxFull = require('spdx-license-list/full') as Record<string, { licenseText: string }>;

const MIT_BODY = `Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction.`;

describe('normalizeLicenseText: characters and whitespace', () => {
  it('drops a byte-order mark', () => {
    expect(normalize(`\uFEFF${MIT_BODY}`)).toBe(normalize(MIT_BODY));
  });

  it('treats CRLF, CR and LF alike', () => {
    expect(normalize(MIT_BODY.replace(/\n/g, '\r\n'))).toBe(normalize(MIT_BODY));
    expect(normalize(MIT_BODY.replace(/\n/g, '\r'))).toBe(normalize(MIT_BODY));
  });

  it('lower-cases and collapses every whitespace run to one space', () => {
    expect(normalize('Foo  BAR\n\n\tbaz \u00A0 qux')).toBe('foo bar baz qux');
  });

  it('ignores quote styles and dash styles', () => {
    const fancy = "“Software” ‘as is’ — royalty–free don’t ``x''";
    const plain = '"Software" \'as is\' - royalty-free don\'t "x"';
    expect(normalize(fancy)).toBe(normalize(plain));
    expect(normalize(plain)).toBe('software as is royalty free dont x');
  });

  it('ignores punctuation and turns "&" into "and"', () => {
    expect(normalize('Tom & Jerry; (the "Parties").')).toBe('tom and jerry the parties');
  });

  it('folds diacritics and compatibility forms', () => {
    expect(normalize('Concédant ﬁle')).toBe('concedant file');
  });
});

describe('normalizeLicenseText: markup', () => {
  it('strips Markdown headings, emphasis, links, rules and bullets', () => {
    const markdown = [
      '# The Licence',
      '',
      '**Permission** is _granted_ under [these terms](https://example.org/terms).',
      '',
      '---',
      '',
      '* first condition;',
      '* second condition.',
    ].join('\n');
    const plain = 'Permission is granted under these terms.\n\nfirst condition;\nsecond condition.';
    expect(normalize(markdown)).toBe(normalize(plain));
  });

  it('strips HTML tags, head and entities', () => {
    const html =
      '<html><head><title>Some Licence</title><style>p{}</style></head><body>' +
      '<p>Permission &amp; rights are &quot;granted&quot;.</p><p><b>1.</b> Keep&nbsp;notices.</p></body></html>';
    expect(normalize(html)).toBe('permission and rights are granted keep notices');
  });

  it('removes bullets and list numbering at the start of items', () => {
    const numbered = 'Conditions:\n\n1. Keep notices.\n2. Do not endorse.\n\n(a) one;\n(b) two;\na) three;\niv. four';
    expect(normalize(numbered)).toBe('conditions keep notices do not endorse one two three four');
  });

  it('keeps a number that merely wrapped to the start of a line', () => {
    expect(normalize('conditions added under section\n7. This requirement modifies')).toBe('conditions added under section 7 this requirement modifies');
  });
});

describe('normalizeLicenseText: notices and boilerplate', () => {
  it('removes copyright and "All rights reserved" lines', () => {
    const text = `Copyright (c) 2016 Ben Balter\nCopyright © 2020 Alice\n(C) 2021 Bob\nAll rights reserved.\n\n${MIT_BODY}`;
    expect(normalize(text)).toBe(normalize(MIT_BODY));
  });

  it('removes a copyright statement that wraps onto a second line', () => {
    const text = `Copyright (c) 2016 by University of Kassel and Fraunhofer Institute\nand individual contributors.\n\n${MIT_BODY}`;
    expect(normalize(text)).toBe(normalize(MIT_BODY));
  });

  it('keeps licence prose that mentions copyright', () => {
    const text = 'The above\ncopyright notice and this permission notice shall be included.';
    expect(normalize(text)).toBe('the above copyright notice and this permission notice shall be included');
  });

  it('keeps a list item labelled (c)', () => {
    expect(normalize('(b) two;\n(c) You must retain all notices.')).toBe('two you must retain all notices');
  });

  it('removes a leading title and version line', () => {
    expect(normalize(`The MIT License (MIT)\n\n${MIT_BODY}`)).toBe(normalize(MIT_BODY));
    expect(normalize(`Apache License\nVersion 2.0, January 2004\nhttp://www.apache.org/licenses/\n\nTERMS`)).toBe('terms');
  });

  it('does not remove a lone title or the first line of a sentence', () => {
    expect(normalize('MIT License')).toBe('mit license');
    expect(normalize('This license applies to all files\nin this distribution.')).toBe('this license applies to all files in this distribution');
  });

  it('removes template placeholders', () => {
    expect(normalize('Copyright [yyyy] [name of copyright owner]\n\nLicensed under the <year> terms.')).toBe('licensed under the terms');
  });

  it('removes URLs and e-mail addresses (so http and https compare equal)', () => {
    expect(normalize('See http://www.apache.org/licenses/ or <https://fsf.org/>, mail me@example.org.')).toBe('see or mail');
    expect(normalize('at https://example.com/x')).toBe(normalize('at http://example.com/x'));
  });

  it('cuts the "how to apply" appendix after END OF TERMS AND CONDITIONS', () => {
    expect(normalize('The terms apply.\n\nEND OF TERMS AND CONDITIONS\n\nHow to Apply These Terms')).toBe('the terms apply');
  });
});

describe('normalizeLicenseText: equivalent words (SPDX guideline)', () => {
  it.each([
    ['licence', 'license'],
    ['Licences licenced licencing', 'licenses licensed licensing'],
    ['sub-licence', 'sublicense'],
    ['sub license', 'sublicense'],
    ['non-commercial', 'noncommercial'],
    ['organisation', 'organization'],
    ['authorised', 'authorized'],
    ['acknowledgment', 'acknowledgement'],
    ['whilst', 'while'],
    ['per cent', 'percent'],
    ['e-mail', 'email'],
    ['the copyright owner', 'the copyright holder'],
  ])('%s = %s', (variant, canonical) => {
    expect(normalize(variant)).toBe(normalize(canonical));
  });
});

describe('normalizeLicenseText: idempotence', () => {
  const idempotent = (s: string): boolean => normalize(normalize(s)) === normalize(s);

  it('holds for arbitrary strings', () => {
    fc.assert(fc.property(fc.string(), idempotent), { numRuns: 2000 });
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), idempotent), { numRuns: 1000 });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), idempotent), { numRuns: 1000 });
  });

  it('holds for strings built from licence-like fragments', () => {
    const fragment = fc.constantFrom(
      'Copyright',
      '(c)',
      '©',
      '2020',
      '1.',
      'a)',
      '(b)',
      '\n',
      '\n\n',
      ' ',
      'License',
      'Licence',
      'Version 2',
      'END OF TERMS AND CONDITIONS',
      '#',
      '*',
      '**',
      '_',
      '<year>',
      '[x](y)',
      'http://a.b/c',
      '&amp;',
      '&',
      'non',
      'commercial',
      'owner',
      'per',
      'cent',
      '-',
      '—',
      '"',
      "'",
      'All rights reserved.',
      'MIT License',
      'Creative Commons Legal Code',
      'For more information, please see',
      'the',
      'İ',
      'ǅ',
      'ﬁ',
      '\uFEFF',
      '\r\n',
      '>',
      '|',
      '=====',
      'vii.',
      '1.Definitions',
      'Permission is hereby granted',
    );
    const text = fc.array(fragment, { maxLength: 40 }).chain((parts) => fc.constantFrom('', ' ').map((glue) => parts.join(glue)));
    fc.assert(fc.property(text, idempotent), { numRuns: 3000 });
  });

  it('holds for real SPDX licence texts', () => {
    const ids = Object.keys(spdxFull).filter((_, i) => i % 7 === 0);
    for (const id of ids) expect(idempotent(spdxFull[id]?.licenseText ?? ''), id).toBe(true);
  });
});

describe('tokenize / wordSet', () => {
  it('split a normalised text into words', () => {
    const normalized = normalize('The Software, the SOFTWARE.');
    expect(tokenize(normalized)).toEqual(['the', 'software', 'the', 'software']);
    expect(wordSet(normalized)).toEqual(new Set(['the', 'software']));
    expect(tokenize('')).toEqual([]);
  });
});
