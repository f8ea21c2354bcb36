import type { LicenseCoverage } from '../manifest/types.js';
import { readPackageJson } from '../util/package-files.js';
import { osiApprovedIds } from './spdx-list.js';
import { normalizeExpression, type SpdxNode } from './spdx.js';

interface ApprovedLicenseData {
  source: string;
  retrieved: string;
  software: { extra: string[] };
  content: { accepted: string[]; discouraged: string[] };
  data: { accepted: string[] };
  openDefinition: { conformant: string[] };
}

export type Approval =
  /** Approved for the category. */
  | 'approved'
  /** Approved, but only through a licence the DPGA discourages (CC NC variants for content). */
  | 'discouraged'
  | 'not-approved'
  /** The expression could not be read, so approval cannot be decided. */
  | 'unknown';

export interface ApprovalResult {
  approval: Approval;
  /** Ids in the expression that are not approved for the category. */
  rejected: string[];
}

interface Lists {
  accepted: Set<string>;
  discouraged: Set<string>;
}

let lists: Record<LicenseCoverage, Lists> | undefined;

function getLists(): Record<LicenseCoverage, Lists> {
  if (lists) return lists;
  const data = readPackageJson<ApprovedLicenseData>('data/approved-licenses.json');
  const osi = new Set([...osiApprovedIds(), ...data.software.extra]);
  // One rule per category: the DPGA's list, plus the Open Definition's conformant licences for content
  // and data (the DPGA's own rule for data), applied alike to a data set and to an AI system's training data.
  const openContentNoNc = new Set([...data.content.accepted, ...data.openDefinition.conformant]);
  const dataLicences = new Set([...data.data.accepted, ...data.openDefinition.conformant]);
  const none = new Set<string>();
  lists = {
    software: { accepted: osi, discouraged: none },
    content: { accepted: openContentNoNc, discouraged: new Set(data.content.discouraged) },
    data: { accepted: dataLicences, discouraged: none },
    // An open standard is a specification (text, schemas, reference code): the DPGA accepts it under an
    // open software licence or an open content licence.
    standard: { accepted: new Set([...osi, ...openContentNoNc]), discouraged: new Set(data.content.discouraged) },
    // Standard 1.1.7: AI systems only with open weights, training code and training data.
    'training-code': { accepted: osi, discouraged: none },
    'model-weights': { accepted: new Set([...osi, ...dataLicences, ...openContentNoNc]), discouraged: none },
    'training-data': { accepted: dataLicences, discouraged: none },
  };
  return lists;
}

export function approvedListSource(): { source: string; retrieved: string } {
  const { source, retrieved } = readPackageJson<ApprovedLicenseData>('data/approved-licenses.json');
  return { source, retrieved };
}

/**
 * Is an SPDX expression approved for a category? `OR` needs one approved branch (the licensee may
 * choose it), `AND` needs every part approved. A `WITH` exception only adds permissions, so it is judged
 * by its licence. `-or-later` is judged by the version named.
 */
export function approveExpression(expression: string, category: LicenseCoverage): ApprovalResult {
  const { tree } = normalizeExpression(expression);
  if (!tree) return { approval: 'unknown', rejected: [] };
  return evaluate(tree, getLists()[category]);
}

const RANK: Record<Approval, number> = { approved: 3, discouraged: 2, unknown: 1, 'not-approved': 0 };

function evaluate(node: SpdxNode, list: Lists): ApprovalResult {
  if ('conjunction' in node) {
    const left = evaluate(node.left, list);
    const right = evaluate(node.right, list);
    if (node.conjunction === 'or') {
      const best = RANK[left.approval] >= RANK[right.approval] ? left : right;
      return best.approval === 'approved' || best.approval === 'discouraged'
        ? { approval: best.approval, rejected: [] }
        : { approval: best.approval, rejected: [...left.rejected, ...right.rejected] };
    }
    const worst = RANK[left.approval] <= RANK[right.approval] ? left.approval : right.approval;
    return { approval: worst, rejected: [...left.rejected, ...right.rejected] };
  }
  const id = node.license.replace(/-or-later$/, '-only');
  const candidates = [node.license, id, node.license.replace(/-or-later$/, '')];
  if (candidates.some((candidate) => list.accepted.has(candidate))) return { approval: 'approved', rejected: [] };
  if (candidates.some((candidate) => list.discouraged.has(candidate))) return { approval: 'discouraged', rejected: [] };
  return { approval: 'not-approved', rejected: [node.license] };
}
