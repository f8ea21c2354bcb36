#!/usr/bin/env node
// Writes generated/spdx-ids.json: every current and deprecated SPDX licence id (spdx-license-ids) and
// the ids the SPDX list marks OSI-approved (spdx-license-list). src/licenses/spdx-list.ts reads it at
// run time, so that spdx-license-list (12 MB of licence texts) is a build-time dependency only, and so
// that the GitHub Action's bundle, which has no node_modules, carries the lists as one file.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
/** @type {Record<string, {osiApproved: boolean}>} */
const list = require('spdx-license-list');
const source = `spdx-license-ids@${require('spdx-license-ids/package.json').version}, spdx-license-list@${require('spdx-license-list/package.json').version}`;
const current = require('spdx-license-ids/index.json');
const deprecated = require('spdx-license-ids/deprecated.json');
const osiApproved = Object.entries(list)
  .filter(([, entry]) => entry.osiApproved)
  .map(([id]) => id)
  .sort();
const file = 'generated/spdx-ids.json';
mkdirSync(new URL('../generated/', import.meta.url), { recursive: true });
writeFileSync(new URL(`../${file}`, import.meta.url), `${JSON.stringify({ source, current, deprecated, osiApproved })}\n`);
console.log(`wrote ${file}: ${current.length} current ids, ${deprecated.length} deprecated, ${osiApproved.length} OSI-approved (${source})`);
