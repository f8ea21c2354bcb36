import type { Evidence } from '../findings.js';

/** `path:line:column`, or the URL: how editors and terminals make a location clickable. */
export function formatLocation(evidence: Evidence): string {
  if (evidence.path !== undefined) {
    let location = evidence.path;
    if (evidence.line !== undefined) location += `:${evidence.line}`;
    if (evidence.line !== undefined && evidence.column !== undefined) location += `:${evidence.column}`;
    return location;
  }
  return evidence.url ?? '';
}

export function formatEvidence(evidence: Evidence): string {
  const location = formatLocation(evidence);
  if (evidence.note && location) return `${location} (${evidence.note})`;
  return evidence.note ?? location;
}
