import { type Finding, type RenderStyle, renderTemplate } from '../findings.js';
import { allCodes } from '../rules/codes.js';

/**
 * A finding's message rendered for a format that can mark things up (Markdown, HTML): from its code's
 * template and its arguments, as late as the format asks, so that the format escapes the template's
 * words its own way and sets the arguments (paths, ids, quotes) apart. The report keeps the plain
 * message too, for JSON readers and the plain formats. A finding whose code this version does not
 * know (a report written by another version, read back by `audit merge`) keeps its stored message.
 */
export function renderMessage(finding: Finding, style: RenderStyle): string {
  const definition = allCodes().get(finding.code);
  if (!definition) return style.text(finding.message);
  const rendered = renderTemplate(definition.message, finding.args ?? {});
  // The stored message is what this report says: only when the template still renders to it is the
  // template used (a report from another version with the same code but other words keeps its own).
  if (rendered !== finding.message) return style.text(finding.message);
  // A backtick span around an argument (`dpg-check convert {files} ...`) cannot be marked up piece by
  // piece: the whole message is, as a format marks up plain text with spans.
  if (spanHoldsArgument(definition.message, finding.args ?? {})) return style.text(finding.message);
  return renderTemplate(definition.message, finding.args ?? {}, style);
}

const ARGUMENT = '\u0000';

function spanHoldsArgument(template: string, args: NonNullable<Finding['args']>): boolean {
  if (!template.includes('`')) return false;
  const probe = renderTemplate(template, args, { text: (words) => words, value: () => ARGUMENT });
  let inSpan = false;
  for (const character of probe) {
    if (character === '`') inSpan = !inSpan;
    else if (character === ARGUMENT && inSpan) return true;
  }
  return false;
}
