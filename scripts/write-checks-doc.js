#!/usr/bin/env node
// Writes docs/checks.md from the finding codes compiled into dist/. `npm run docs` after changing a code;
// test/checks-doc.test.ts fails when the file is out of step.
import { writeFileSync } from 'node:fs';
import { renderChecksDoc } from '../dist/docs/checks-doc.js';

writeFileSync(new URL('../docs/checks.md', import.meta.url), renderChecksDoc());
console.log('wrote docs/checks.md');
