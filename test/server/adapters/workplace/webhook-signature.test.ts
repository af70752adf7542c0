import { describe, expect, test } from 'vitest';
import { signWorkplaceWebhook } from '../../../../emulators/src/workplace/index.js';
import { verifyWorkplaceWebhook } from '../../../../server/src/adapters/workplace/index.js';

// The adapter's check of the emulator's signature, and every way a delivery is refused.

const secret = 'shared-webhook-secret';
const now = new Date('2026-03-02T08:00:00Z');
const timestamp = String(now.getTime() / 1000);
const change = {
  sequence: 7,
  reservationId: 'r-3',
  version: 2,
  type: 'updated',
  occurredAt: '2026-03-02T07:59:59.000Z',
};
const rawBody = JSON.stringify({ changes: [change] });
const signature = signWorkplaceWebhook(secret, Number(timestamp), rawBody);
const verify = (overrides: Partial<Parameters<typeof verifyWorkplaceWebhook>[0]> = {}) =>
  verifyWorkplaceWebhook({ rawBody, timestamp, signature, secret, now, ...overrides });

describe('verifyWorkplaceWebhook', () => {
  test('a delivery signed with the shared secret is accepted, as text or bytes', () => {
    expect(verify()).toEqual({ ok: true, changes: [change] });
    expect(verify({ rawBody: Buffer.from(rawBody) })).toEqual({ ok: true, changes: [change] });
  });

  test.each<[string, Partial<Parameters<typeof verifyWorkplaceWebhook>[0]>, string]>([
    ['another secret', { secret: 'another-secret-value' }, 'bad-signature'],
    ['a changed body', { rawBody: rawBody.replace('"version":2', '"version":3') }, 'bad-signature'],
    [
      're-serialised JSON (not the raw bytes)',
      { rawBody: JSON.stringify({ changes: [change] }, null, 1) },
      'bad-signature',
    ],
    ['a signature for another timestamp', { timestamp: String(Number(timestamp) + 1) }, 'bad-signature'],
    ['a truncated signature', { signature: signature.slice(0, -2) }, 'bad-signature'],
    ['no sha256= prefix', { signature: signature.replace('sha256=', '') }, 'bad-signature'],
    ['no signature', { signature: undefined }, 'missing-headers'],
    ['no timestamp', { timestamp: undefined }, 'missing-headers'],
    ['a timestamp that is not a number', { timestamp: 'yesterday' }, 'missing-headers'],
    ['a delivery older than the tolerance', { now: new Date(now.getTime() + 301_000) }, 'stale-timestamp'],
    ['a delivery from the future', { now: new Date(now.getTime() - 301_000) }, 'stale-timestamp'],
  ])('%s is refused (%s)', (_name, overrides, reason) => {
    expect(verify(overrides)).toEqual({ ok: false, reason });
  });

  test('a correctly signed body that is not a change list is refused as malformed', () => {
    const body = JSON.stringify({ hello: 'world' });
    expect(verify({ rawBody: body, signature: signWorkplaceWebhook(secret, Number(timestamp), body) })).toEqual({
      ok: false,
      reason: 'malformed-body',
    });
  });

  test('the tolerance is configurable', () => {
    expect(verify({ now: new Date(now.getTime() + 20_000), toleranceSeconds: 10 })).toEqual({
      ok: false,
      reason: 'stale-timestamp',
    });
    expect(verify({ now: new Date(now.getTime() + 20_000), toleranceSeconds: 30 }).ok).toBe(true);
  });
});
