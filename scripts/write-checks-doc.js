#!/usr/bin/env node
// Writes docs/checks.md from the finding codes compiled into dist/, and the README's table of formats. `npm run docs` after changing a code;
// test/checks-doc.test.ts fails when the file is out of step.
import { readFileSync, writeFileSync } from 'node:fs';
import { renderChecksDoc } from '../dist/docs/checks-doc.js';
import { formatsTable } from '../dist/formatters/index.js';

writeFileSync(new URL('../docs/checks.md', import.meta.url), renderChecksDoc());
console.log('wrote docs/checks.md');

// The README's table of formats, between its markers, from the formats' own table.
const readmeUrl = new URL('../README.md', import.meta.url);
const readme = readFileSync(readmeUrl, 'utf8');
const table = /(<!-- formats:start[^\n]*-->\n)[\s\S]*?(\n<!-- formats:end -->)/;
if (!table.test(readme)) throw new Error('README.md has no formats:start / formats:end markers');
writeFileSync(
  readmeUrl,
  readme.replace(table, (_all, start, end) => `${start}${formatsTable()}${end}`),
);
console.log('wrote the formats table of README.md');
