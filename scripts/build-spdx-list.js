#!/usr/bin/env node
// Writes generated/spdx-osi-approved.json: the SPDX ids the SPDX list marks OSI-approved (current and
// deprecated ids alike, as the list has them). src/licenses/spdx-list.ts reads it at run time, so that
// spdx-license-list (12 MB of licence texts) is a build-time dependency only.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
/** @type {Record<string, {osiApproved: boolean}>} */
const list = require('spdx-license-list');
const source = `spdx-license-list@${require('spdx-license-list/package.json').version}`;
const osiApproved = Object.entries(list)
  .filter(([, entry]) => entry.osiApproved)
  .map(([id]) => id)
  .sort();
const file = 'generated/spdx-osi-approved.json';
mkdirSync(new URL('../generated/', import.meta.url), { recursive: true });
writeFileSync(new URL(`../${file}`, import.meta.url), `${JSON.stringify({ source, osiApproved })}\n`);
console.log(`wrote ${file}: ${osiApproved.length} OSI-approved ids of ${Object.keys(list).length} (${source})`);
