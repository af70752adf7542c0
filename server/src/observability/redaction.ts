// What must never reach a log line: credentials (Authorization headers, client secrets, API keys,
// access and refresh tokens, JWTs), clientState values and webhook signatures. Two layers: values
// under a secret-sounding key are replaced whatever they hold, and secret-shaped text (`Bearer …`,
// a JWT, `client_secret=…`) is replaced inside any string, e.g. an upstream error message.
// Graph's `validationToken` is not a secret (Graph sends it to be echoed) and stays readable.

export const REDACTED = '[REDACTED]';

/** Keys are compared lower-case without `-` and `_`, so `client_secret`, `clientSecret` and `Client-Secret` match. */
const normalizeKey = (key: string) => key.toLowerCase().replace(/[-_]/g, '');

const SECRET_KEYS = new Set([
  'authorization',
  'proxyauthorization',
  'cookie',
  'setcookie',
  'clientstate',
  'clientassertion',
  'assertion',
  'credential',
  'privatekey',
  'xapikey',
  'xworkplacesignature',
]);
const SECRET_SUFFIXES = ['secret', 'password', 'apikey', 'token', 'signature'];
/** Keys that end like a secret but are not one. */
const PUBLIC_KEYS = new Set(['validationtoken', 'idempotencykey']);

export function isSecretKey(key: string): boolean {
  const normalized = normalizeKey(key);
  if (PUBLIC_KEYS.has(normalized)) return false;
  return SECRET_KEYS.has(normalized) || SECRET_SUFFIXES.some((suffix) => normalized.endsWith(suffix));
}

const SECRET_PARAMETER_NAMES =
  'client_?secret|client_?assertion|client_?state|access_?token|refresh_?token|id_?token|api_?key|apikey|password|secret|sig|signature|token';

/**
 * Every pattern runs in time linear in the text (checked by recheck in test/server/observability/redaction.test.ts):
 * every string we log goes through them, some of it chosen by whoever sends us a request.
 */
export const TEXT_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  // Authorization header values wherever they appear: `Bearer eyJ…`, `Basic dXNlcjpwYXNz`.
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`],
  // A JWT (header.payload.signature, base64url, header starting with `{"`). It starts only where a run of
  // base64url characters starts: `\b` would let it start again after every `-` inside one run
  // (`eyJ-eyJ-eyJ-…`), each start rescanning the rest of the run, quadratic in its length.
  [/(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, REDACTED],
  // Query strings and form bodies: `?client_secret=…&…`.
  [new RegExp(`([?&;\\s]|^)(${SECRET_PARAMETER_NAMES})=[^&\\s"',;]+`, 'gi'), `$1$2=${REDACTED}`],
  // JSON or key: value text inside messages: `"clientSecret":"…"`, `apiKey: …`.
  [new RegExp(`("?(?:${SECRET_PARAMETER_NAMES})"?\\s*:\\s*)("[^"]*"|[^\\s,}]+)`, 'gi'), `$1"${REDACTED}"`],
];

/** Replaces secret-shaped text inside a string. */
export function scrubText(text: string): string {
  let scrubbed = text;
  for (const [pattern, replacement] of TEXT_PATTERNS) scrubbed = scrubbed.replace(pattern, replacement);
  return scrubbed;
}

/** A URL with the values of secret-named query parameters replaced (`validationToken` stays). */
export function scrubUrl(url: string): string {
  const query = url.indexOf('?');
  if (query === -1) return url;
  const parameters = url
    .slice(query + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const name = equals === -1 ? pair : pair.slice(0, equals);
      let decodedName = name;
      try {
        decodedName = decodeURIComponent(name);
      } catch {
        // A malformed escape: judge the raw name.
      }
      return equals !== -1 && isSecretKey(decodedName) ? `${name}=${REDACTED}` : scrubText(pair);
    });
  return `${url.slice(0, query)}?${parameters.join('&')}`;
}

const MAX_DEPTH = 8;
const isPlainObject = (value: object): value is Record<string, unknown> => {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
};

/** An Error as a plain object (type, message, stack, own properties, cause chain), secrets scrubbed. */
export function serializeError(error: unknown, depth = 0): unknown {
  if (!(error instanceof Error)) return scrubValue(error, depth);
  if (depth >= MAX_DEPTH) return '[too deep]';
  const plain: Record<string, unknown> = { type: error.name, message: error.message, stack: error.stack };
  for (const [key, value] of Object.entries(error)) {
    if (key !== 'cause') plain[key] = value;
  }
  const serialized = scrubValue(plain, depth) as Record<string, unknown>;
  if (error.cause !== undefined) serialized['cause'] = serializeError(error.cause, depth + 1);
  return serialized;
}

/**
 * A copy of `value` with secret-keyed values replaced and secret-shaped text scrubbed: plain objects,
 * arrays and Errors are walked (up to a depth), other objects (Buffers, Dates, class instances) are
 * left to their JSON form.
 */
export function scrubValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[too deep]';
  if (value instanceof Error) return serializeError(value, depth);
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, depth + 1));
  if (!isPlainObject(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] = isSecretKey(key) && item !== null && item !== undefined ? REDACTED : scrubValue(item, depth + 1);
  }
  return copy;
}

/**
 * pino `redact` paths for the places secrets sit in well-known shapes (request and response headers);
 * `scrubValue` covers everything else by key name.
 */
export const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["x-workplace-signature"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  '*.headers.authorization',
  '*.headers.cookie',
];
