import { checkSync } from 'recheck';
import { describe, expect, test } from 'vitest';
import { REDACTED, scrubText, TEXT_PATTERNS } from '../../../server/src/observability/redaction.js';

// Every logged string goes through these patterns, some of it chosen by whoever sends a request: a pattern
// that backtracks polynomially turns one long header or body into seconds of CPU per log line. recheck
// analyses each pattern (no timing): `safe` means it runs in time linear in the text.
describe('redaction runs in linear time', () => {
  test.each(TEXT_PATTERNS.map(([pattern]) => [pattern.source, pattern] as const))(
    'recheck finds no super-linear backtracking in %s',
    (_source, pattern) => {
      const diagnostics = checkSync(pattern.source, pattern.flags);
      const attack = diagnostics.status === 'vulnerable' ? diagnostics.attack.pattern : null;
      expect({ status: diagnostics.status, attack }).toEqual({ status: 'safe', attack: null });
    },
  );

  test('a JWT is still found where a run of token characters starts, and only there', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
    expect(scrubText(`id_token ${jwt}, more`)).toBe(`id_token ${REDACTED}, more`);
    expect(scrubText(`(${jwt})`)).toBe(`(${REDACTED})`);
    expect(scrubText(`abc${jwt}`)).toBe(`abc${jwt}`);
  });
});
