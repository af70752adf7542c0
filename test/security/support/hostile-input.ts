import fc from 'fast-check';

// Arbitraries for what a hostile or broken client sends: text that is not JSON, values of the wrong
// type, strings with control characters, unpaired surrogates, markup and sheer length, query strings.

const char = (from: number, to: number) => fc.integer({ min: from, max: to }).map((code) => String.fromCharCode(code));

/** One UTF-16 code unit of the kinds that break things: C0/C1 controls, NUL, surrogate halves, BOM, bidi. */
const hostileUnit = fc.oneof(
  char(0x00, 0x1f),
  char(0x7f, 0x9f),
  char(0xd800, 0xdfff),
  fc.constantFrom('\u0000', '\ufeff', '\u202e', '\u2028', '\ufffd', '\\', '"', "'", '<', '>', '&', '%', '/', '..'),
  fc.string({ unit: 'grapheme', maxLength: 3 }),
);

/** Short strings full of control characters, surrogate halves, quotes and markup. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.array(hostileUnit, { minLength: 1, maxLength: 40 }).map((units) => units.join('')),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '<script>alert(1)</script>',
    "'; drop table jobs; --",
    '${jndi:ldap://x}',
    '../../etc/passwd',
    '%00',
    '\r\nSet-Cookie: a=b',
    'null',
    '__proto__',
  ),
);

/** Unpaired surrogates replaced by U+FFFD (String.prototype.toWellFormed, ES2024). */
const toWellFormed = (text: string) =>
  text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

/** The same, but well-formed UTF-16 (what survives `encodeURIComponent`). */
export const hostileWellFormedString: fc.Arbitrary<string> = hostileString.map(toWellFormed);

/** 10–100 thousand characters: beyond any field's limit, and sometimes beyond the 64 KiB body limits. */
export const hugeString: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 10_000, max: 100_000 }), hostileWellFormedString)
  .map(([length, seed]) =>
    toWellFormed((seed || 'x').repeat(Math.ceil(length / Math.max(seed.length, 1))).slice(0, length)),
  );

/** Any string a string field could be given. */
export const anyHostileString = fc.oneof({ weight: 4, arbitrary: hostileString }, { weight: 1, arbitrary: hugeString });

/** Text sent as application/json that JSON.parse refuses. */
export const malformedJson: fc.Arbitrary<string> = fc
  .oneof(
    // A JSON document cut short or with junk spliced in.
    fc
      .tuple(fc.json({ maxDepth: 3 }), fc.nat(), hostileString)
      .map(([json, at, junk]) => json.slice(0, at % Math.max(json.length, 1)) + junk),
    fc.constantFrom(
      '{',
      '{"value": [',
      "{'value': []}",
      '{"a": 1,}',
      '[1, 2',
      'undefined',
      'NaN',
      '{"a": 01}',
      '{"a": "\\x41"}',
      '\ufeff{"a": 1}',
      '{"__proto__": {"isAdmin": true}}',
      '{"constructor": {"prototype": {"isAdmin": true}}}',
      '{"a": "' + '\\u00'.repeat(3) + '"}',
    ),
    hostileString,
  )
  .filter((text) => {
    try {
      JSON.parse(text);
      return false;
    } catch {
      return true;
    }
  });

/** What a field of `kind` must refuse: a value of any other JSON type. */
export function wrongTypeFor(kind: 'string' | 'number' | 'array' | 'object' | 'nullable-string' | 'nullable-object') {
  const candidates: Array<fc.Arbitrary<unknown>> = [];
  if (kind !== 'string' && kind !== 'nullable-string') candidates.push(anyHostileString);
  if (kind !== 'number') candidates.push(fc.oneof(fc.integer(), fc.double(), fc.constant(1e308)));
  candidates.push(fc.boolean());
  if (!kind.startsWith('nullable')) candidates.push(fc.constant(null));
  if (kind !== 'array') candidates.push(fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }));
  if (kind !== 'object' && kind !== 'nullable-object') {
    candidates.push(fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }));
  }
  return fc.oneof(...candidates);
}

/** Content types no JSON endpoint parses as JSON. */
export const nonJsonContentType = fc.constantFrom(
  'text/plain',
  'text/html',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=----x',
  'application/xml',
  'application/octet-stream',
  'application/jsonx',
  'application/json-patch+json',
  'image/png',
);

/** A query string of random names (some of the real parameter names) and hostile values. */
export function hostileQuery(knownNames: readonly string[]): fc.Arbitrary<string> {
  const name = fc.oneof(fc.constantFrom(...knownNames, '__proto__', 'constructor'), hostileWellFormedString);
  const value = fc.oneof(
    hostileWellFormedString,
    hugeString.map((text) => toWellFormed(text.slice(0, 4_000))),
  );
  return fc
    .array(fc.tuple(name, value), { minLength: 1, maxLength: 6 })
    .map((pairs) => pairs.map(([key, text]) => `${encodeURIComponent(key)}=${encodeURIComponent(text)}`).join('&'));
}

/** Set `value` at `path` in a deep copy of `template`. */
export function withValueAt(template: unknown, path: ReadonlyArray<string | number>, value: unknown): unknown {
  const copy = structuredClone(template) as Record<string | number, unknown>;
  let target = copy;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string | number, unknown>;
  target[path[path.length - 1]!] = value;
  return copy;
}
