/**
 * Redaction of every string that leaves the process (stderr, JSONL rows, summaries, annotations):
 * credentials in URLs, GitHub tokens by their published prefixes, authorisation headers, and the
 * secrets this process was given (registered when they are read), which an upstream error message may
 * echo back. Patterns are bounded so that redaction stays linear on any text.
 */
const secrets = new Set<string>();

/** Remembers a secret (a token) so that any message that echoes it is redacted. */
export function registerSecret(secret: string | undefined): void {
  const trimmed = secret?.trim();
  // A very short value would redact ordinary words; no real token is that short.
  if (trimmed && trimmed.length >= 8) secrets.add(trimmed);
}

// Up to the last "@" before the host: a password may hold "@" and "/" (which URL parsers split).
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]{0,30}:\/\/)[^\s/]{0,512}(?:\/[^\s@]{0,512})?@/gi;
const GITHUB_TOKEN = /\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/g;
const AUTHORIZATION = /\b(authorization:\s*(?:token|bearer|basic)\s+)[^\s,;]{1,1024}/gi;

export function redactText(text: string): string {
  let result = text.replace(URL_CREDENTIALS, '$1').replace(GITHUB_TOKEN, '[REDACTED]').replace(AUTHORIZATION, '$1[REDACTED]');
  for (const secret of secrets) if (result.includes(secret)) result = result.split(secret).join('[REDACTED]');
  return result;
}
