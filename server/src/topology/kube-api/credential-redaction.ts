/**
 * Removes credentials from text before it is logged or shown: bearer tokens, Authorization headers,
 * kubeconfig credential fields (`token`, `client-key-data`, `password`, ...), JWTs, and any exact secret
 * value the caller registered (the tokens of the loaded kubeconfig). Discovery never puts a credential in a
 * message on purpose; this is the second line of defence for text that comes from elsewhere (an API
 * server's error message, a library's exception).
 */

const REDACTED = '[redacted]';

/** `Authorization: Bearer x`, `Bearer x`, `Basic x`. */
const AUTH_SCHEME = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
/** Fields of kubeconfigs, exec credentials and OAuth responses whose value is a secret (YAML or JSON). */
const SECRET_FIELD =
  /(["']?\b(?:token|id-token|refresh-token|access[-_]token|id_token|refresh_token|client-key-data|client-key|password|secret|auth)\b["']?\s*[:=]\s*)("[^"]*"|'[^']*'|[^\s,}"']+)/gi;
/** A JSON Web Token: three base64url parts, the first two starting with `eyJ` (`{"`). */
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;
/** A PEM private key block. */
const PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g;

export class CredentialRedactor {
  private readonly known = new Set<string>();

  /** Registers exact values to remove wherever they appear (values shorter than 8 characters are ignored). */
  register(...values: readonly (string | undefined | null)[]): void {
    for (const value of values) if (value && value.length >= 8) this.known.add(value);
  }

  redact(text: string): string {
    let result = text;
    for (const value of this.known) result = result.split(value).join(REDACTED);
    return redactCredentials(result);
  }
}

/** Pattern-based redaction, for text with no registered values. */
export function redactCredentials(text: string): string {
  return text
    .replace(PRIVATE_KEY, REDACTED)
    .replace(JWT, REDACTED)
    .replace(AUTH_SCHEME, (_match, scheme: string) => `${scheme} ${REDACTED}`)
    .replace(SECRET_FIELD, (_match, field: string) => `${field}${REDACTED}`);
}
