/**
 * The one redaction of everything otactl shows or records (issue 17 item 4): error messages and
 * their --json details, --debug stack traces, warnings and status lines, nudge outcomes and the
 * access log of `otactl serve`. Two kinds of secret are masked:
 *
 * - by shape, wherever they appear: a URL's userinfo (`mqtt://user:password@host` shows as
 *   `mqtt://***@host`), every query value and fragment of a URL in a message (`?token=***`), a PEM
 *   private key block, the value of an Authorization, Cookie, signature or session-token header,
 *   a JSON member or details field named like a secret (`private_key`, `password`, ...);
 * - by value: every secret otactl reads (HMAC keys, private keys of every kind, AWS secret keys and
 *   session tokens, also those the SDK resolves from a profile, SSO or instance metadata
 *   (aws-credentials.ts), FCM access tokens, the password and query values of a webhook or MQTT URL) is
 *   registered when read, and any occurrence of it is masked, whatever the text around it.
 *
 * Not secrets here (shown as they are): AWS access key ids, FCM client_email, private_key_id and
 * project_id, CloudFront key pair ids (identifiers, useful to diagnose which credential failed),
 * and a nudge's `sig` (a MAC sent in the clear). A command's result (stdout) is masked by value
 * and by userinfo only: its query strings are data (beacon parameters, `cdn-cookies`' cookies).
 *
 * Pure string work; the registry is per process (a library caller's secrets are registered by the
 * same readers, so its errors are masked too).
 */

/** What a masked value shows as. */
export const REDACTED = '***';

/** Shorter values are not registered: masking them would mask ordinary words. */
const MIN_SECRET_LENGTH = 8;

const known = new Set<string>();

/** Registers a secret's text (and, for bytes, its hex and base64 forms) to be masked wherever it appears. */
export function registerSecret(value: string | Buffer | undefined | null): void {
  if (value === undefined || value === null) return;
  if (Buffer.isBuffer(value)) {
    add(value.toString('hex'));
    add(value.toString('base64'));
    add(value.toString('base64url'));
    const text = value.toString('utf8');
    if (!text.includes('\uFFFD')) registerSecret(text);
    return;
  }
  const text = value.trim();
  add(text);
  // A PEM's body lines are masked one by one too: an error may quote a fragment of the key.
  if (text.includes('-----BEGIN')) for (const line of text.split(/\r?\n/)) if (!line.startsWith('-----') && line.length >= 16) add(line.trim());
  // As JSON would write it (a key inside a service-account file, quoted in a message).
  if (/[\n"\\]/.test(text)) add(JSON.stringify(text).slice(1, -1));
}

/**
 * Registers a URL's password and query values (a webhook token, an MQTT password); with
 * `pathTokens`, also each long path segment (20+ characters: a webhook whose path is its token,
 * as chat services issue them).
 */
export function registerUrlSecrets(url: string | undefined, pathTokens = false): void {
  if (!url) return;
  const slashed = slashedUserinfo(url);
  if (slashed) {
    const password = slashed.userinfo.slice(slashed.userinfo.indexOf(':') + 1);
    for (const part of [password, safeDecode(password)]) add(part);
  }
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return;
  }
  for (const part of [u.password, safeDecode(u.password), u.username.length >= 16 ? u.username : '']) add(part);
  for (const [, v] of u.searchParams) add(v);
  for (const pair of u.search.slice(1).split('&')) add(pair.slice(pair.indexOf('=') + 1));
  if (pathTokens) for (const segment of u.pathname.split('/')) if (segment.length >= 20) add(segment);
}

/**
 * Secret-looking environment variables, registered at CLI start. A URL variable (`*_URL`, `*_URI`)
 * registers only its password and query values (OTACTL_FCM_TOKEN_URI names an endpoint, not a
 * token); paths and the names of other variables are not registered.
 */
const SECRET_ENV = /(SECRET|TOKEN|PASSWORD|PASSWD|PRIVATE_KEY|HMAC_KEY|SIGNING_KEY|CREDENTIAL|WEBHOOK_URL|MQTT_URL)/i;
const NOT_A_SECRET_ENV = /(_FILE|_PATH|_ENV|_DIR|^GOOGLE_APPLICATION_CREDENTIALS)$/i;

export function registerEnvSecrets(env: NodeJS.ProcessEnv): void {
  for (const [name, value] of Object.entries(env)) {
    if (!value || !SECRET_ENV.test(name) || NOT_A_SECRET_ENV.test(name)) continue;
    if (/_UR[LI]$/i.test(name)) registerUrlSecrets(value);
    else registerSecret(value);
  }
}

function add(text: string): void {
  if (text.length >= MIN_SECRET_LENGTH && !known.has(text)) {
    known.add(text);
    longestFirst = null;
  }
}

let longestFirst: string[] | null = null;

/**
 * The secrets known now, and a function that forgets those registered since: a CLI run in a
 * process that outlives it (the in-process test runner) must not mask a later run's output with
 * the previous run's secrets.
 */
export function secretsMark(): () => void {
  const before = new Set(known);
  return () => {
    for (const value of known) if (!before.has(value)) known.delete(value);
    longestFirst = null;
  };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Every registered secret in `text` replaced by the mark (longest first, so no fragment of a longer one survives). */
export function redactKnown(text: string): string {
  if (known.size === 0) return text;
  longestFirst ??= [...known].sort((a, b) => b.length - a.length);
  let out = text;
  for (const secret of longestFirst) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  return out;
}

/** Query parameter and header names whose values are credentials (lower case, `-` and `_` alike). */
const SECRET_NAME = /^(x[-_]amz[-_](signature|security[-_]token|credential)|signature|sig|token|access[-_]token|refresh[-_]token|id[-_]token|auth|password|passwd|pass|pwd|secret|client[-_]secret|api[-_]?key|key|apikey|code)$/i;

/**
 * A query string with values masked: every value (`all`, for URLs in messages), or only those whose
 * name says credential (`named`, for the access log, whose beacon parameters are telemetry).
 */
export function redactQuery(query: string, which: 'all' | 'named'): string {
  return query
    .split('&')
    .map((pair) => {
      if (pair === '') return pair;
      const eq = pair.indexOf('=');
      if (eq < 0) return which === 'all' ? REDACTED : pair;
      const name = pair.slice(0, eq);
      return which === 'all' || SECRET_NAME.test(safeDecode(name)) ? `${name}=${REDACTED}` : pair;
    })
    .join('&');
}

/**
 * `scheme://user:pa/ss@host`: userinfo whose password holds an unencoded '/', '?' or '#', which URL
 * parsers read as the start of a path, query or fragment (so part of it would be shown). Up to the
 * last '@'; null when what comes before the first of them is a host (and port), as in
 * `https://cdn/pkg@1.2.3` (an '@' in a path or query).
 */
function slashedUserinfo(url: string): { head: string; userinfo: string } | null {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)([^\s"'<>`]*)@/i.exec(url);
  const cut = m ? m[2]!.search(/[/?#]/) : -1;
  if (!m || cut < 0) return null;
  const first = m[2]!.slice(0, cut);
  if (/^[^:@]*(:\d*)?$/.test(first)) return null;
  return { head: m[1]!, userinfo: m[2]! };
}

/** A URL without userinfo, with every query value and the fragment masked; also for text that does not parse as a URL. */
export function redactUrl(url: string): string {
  const slashed = slashedUserinfo(url);
  if (slashed) url = `${slashed.head}${REDACTED}@${url.slice(slashed.head.length + slashed.userinfo.length + 1)}`;
  const m = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)([\s\S]*)$/i.exec(url);
  let [head, authority, rest] = m ? [m[1]!, m[2]!, m[3]!] : ['', '', url];
  if (!m) {
    // Not scheme://: whatever stands before an '@' that precedes the path, query or fragment is userinfo.
    const end = rest.search(/[?#]/);
    const at = rest.lastIndexOf('@', end < 0 ? rest.length : end);
    if (at >= 0) rest = `${REDACTED}@${rest.slice(at + 1)}`;
  }
  const at = authority.lastIndexOf('@');
  if (at >= 0) authority = `${REDACTED}@${authority.slice(at + 1)}`;
  let fragment = '';
  const hash = rest.indexOf('#');
  if (hash >= 0) {
    fragment = hash + 1 < rest.length ? `#${REDACTED}` : '#';
    rest = rest.slice(0, hash);
  }
  const q = rest.indexOf('?');
  if (q >= 0) rest = `${rest.slice(0, q + 1)}${redactQuery(rest.slice(q + 1), 'all')}`;
  return redactKnown(head + authority + rest + fragment);
}

const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]+/gi;
const USERINFO_IN_TEXT = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s"'<>`/?#@]*@/gi;
const PEM_PRIVATE = /-----BEGIN ([A-Z0-9 ]*PRIVATE KEY)-----[\s\S]*?(?:-----END \1-----|$)/g;
const SECRET_HEADER = /\b(authorization|proxy-authorization|cookie|set-cookie|x-amz-security-token|x-otactl-nudge-signature|x-api-key)(["']?\s*[:=]\s*["']?)([^\r\n"',;]+)/gi;
// A credential has a digit or punctuation in it and is not short: "Basic authentication" stays prose.
const AUTH_SCHEME = /\b(Bearer|Basic)\s+(?=[A-Za-z0-9._~+/=-]*[0-9._~+/=-])[A-Za-z0-9._~+/=-]{12,}/g;
/** A secret-named member as JSON writes it, inside a message (`"private_key": "..."`). */
const SECRET_JSON_MEMBER = /("(?:password|passwd|secret|client_secret|private_key|access_token|refresh_token|id_token|session_token|hmac_key|api_key|authorization)"\s*:\s*)"(?:[^"\\]|\\.)*"/gi;

/** Free text (a message, a stack trace, a status line) with every secret it may hold masked. */
export function redactText(text: string): string {
  return redactKnown(text)
    .replace(PEM_PRIVATE, (_all, label: string) => `-----BEGIN ${label}-----${REDACTED}-----END ${label}-----`)
    .replace(SECRET_JSON_MEMBER, `$1"${REDACTED}"`)
    .replace(SECRET_HEADER, (_all, name: string, sep: string) => `${name}${sep}${REDACTED}`)
    .replace(AUTH_SCHEME, (_all, scheme: string) => `${scheme} ${REDACTED}`)
    .replace(URL_IN_TEXT, (url) => redactUrl(url));
}

/** Field names whose values are masked whole in structured details (compared lower case, `-` as `_`). */
const SECRET_FIELD = /^(password|passwd|secret|client_secret|private_key|privatekey|authorization|proxy_authorization|cookie|cookies|set_cookie|session_token|access_token|refresh_token|id_token|api_key|apikey|hmac_key|secret_access_key|aws_secret_access_key|aws_session_token|x_otactl_nudge_signature|x_amz_security_token)$/;

/** Structured details (an error's --json fields): secret-named fields masked whole, every string redacted as text. */
export function redactDeep<T>(value: T): T {
  return deep(value, 0) as T;
}

/**
 * A command's result as written (JSON or human text): registered secrets (also as JSON escapes
 * them) and URL userinfo masked, nothing else (its queries are data).
 */
export function redactResultText(text: string): string {
  return redactKnown(text).replace(USERINFO_IN_TEXT, (_all, scheme: string) => `${scheme}${REDACTED}@`);
}

function deep(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object' || depth > 64) return value;
  if (Array.isArray(value)) return value.map((v) => deep(v, depth + 1));
  // Anything else JSON.stringify writes its own way (a Date, a Buffer, a Map) is left to it.
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = SECRET_FIELD.test(k.toLowerCase().replace(/-/g, '_')) && v !== null && v !== undefined ? REDACTED : deep(v, depth + 1);
  }
  return out;
}
