import parseSpdx from 'spdx-expression-parse';
import type { SpdxNode } from '../licenses/spdx.js';
import { readPackageJson } from '../util/package-files.js';
import type { LostField } from './types.js';

let allowed: Set<string> | undefined;

/** The licence ids the nominee schema accepts (its `spdx` enum: bare GNU ids such as `GPL-3.0`). */
export function nomineeLicenseIds(): ReadonlySet<string> {
  if (allowed) return allowed;
  const schema = readPackageJson<{ properties: { license: { items: { properties: { spdx: { enum: string[] } } } } } }>('schemas/dpga/nominee-schema.json');
  allowed = new Set(schema.properties.license.items.properties.spdx.enum);
  return allowed;
}

/**
 * The nominee ids for a manifest licence expression. The registry's ids are kept as written when the
 * manifest holds them (`GPL-3.0` stays `GPL-3.0`, so a nominee comes back unchanged); a current
 * `-only` id is the deprecated bare id by the SPDX list's own definition; `-or-later`, exceptions and
 * the choice of an `OR` cannot be said in a nominee and are reported.
 */
export function toNomineeLicenseIds(expression: string, at: string, lost: LostField[]): string[] {
  const ids = nomineeLicenseIds();
  if (ids.has(expression)) return [expression];
  let tree: SpdxNode;
  try {
    tree = parseSpdx(expression) as SpdxNode;
  } catch {
    lost.push({ path: at, reason: 'not an SPDX expression, and the nominee format takes only SPDX ids from its list', value: expression });
    return [];
  }
  if (hasConjunction(tree, 'or'))
    lost.push({ path: at, reason: 'a nominee lists licences without saying they are a choice (OR); the choice is lost', value: expression });
  const result: string[] = [];
  for (const leaf of leaves(tree)) {
    let id = leaf.license;
    if (leaf.exception) lost.push({ path: at, reason: `the nominee format cannot state the exception ${leaf.exception}`, value: expression });
    if (leaf.plus) lost.push({ path: at, reason: `"${id}+" (or later) is written as ${id}`, value: expression });
    if (!ids.has(id) && id.endsWith('-only') && ids.has(id.slice(0, -5))) id = id.slice(0, -5);
    else if (!ids.has(id) && id.endsWith('-or-later') && ids.has(id.slice(0, -9))) {
      lost.push({ path: at, reason: `the nominee format has no -or-later ids; ${id} is written as ${id.slice(0, -9)}`, value: expression });
      id = id.slice(0, -9);
    }
    if (!ids.has(id)) {
      lost.push({ path: at, reason: `${id} is not on the nominee schema's licence list`, value: expression });
      continue;
    }
    if (!result.includes(id)) result.push(id);
  }
  return result;
}

function leaves(node: SpdxNode): Array<{ license: string; plus?: boolean; exception?: string }> {
  return 'conjunction' in node ? [...leaves(node.left), ...leaves(node.right)] : [node];
}

function hasConjunction(node: SpdxNode, conjunction: 'and' | 'or'): boolean {
  return 'conjunction' in node && (node.conjunction === conjunction || hasConjunction(node.left, conjunction) || hasConjunction(node.right, conjunction));
}
