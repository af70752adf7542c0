import { describe, expect, test } from 'vitest';
import {
  clientStateHashOf,
  createSubscriptionVerifier,
  isClientStateMatch,
} from '../../server/src/intake/subscription-verifier.js';
import { subscriptions } from '../../server/src/storage/schema.js';
import { createTestPglite, useTestDb } from '../support/test-db.js';

describe('isClientStateMatch', () => {
  const stored = clientStateHashOf('the-client-state');
  const cases: Array<[string | null, boolean]> = [
    ['the-client-state', true],
    ['the-client-stat', false],
    ['the-client-state ', false],
    ['THE-CLIENT-STATE', false],
    ['', false],
    [null, false],
  ];
  for (const [received, expected] of cases) {
    test(`${JSON.stringify(received)} → ${expected}`, () => {
      expect(isClientStateMatch(received, stored)).toBe(expected);
    });
  }

  test('a malformed stored hash never matches', () => {
    expect(isClientStateMatch('x', 'not-hex')).toBe(false);
  });
});

describe('createSubscriptionVerifier', () => {
  const database = useTestDb(createTestPglite);
  const aSubscription = (id: string, clientState: string) => ({
    id,
    mailbox: 'room-1@contoso.com',
    resource: '/users/room-1@contoso.com/events',
    clientStateHash: clientStateHashOf(clientState),
    expiresAt: new Date(Date.now() + 86_400_000),
  });

  test('answers ok, mismatch and unknown from the subscriptions table', async () => {
    await database().db.insert(subscriptions).values(aSubscription('sub-1', 'state-1'));
    const verifier = createSubscriptionVerifier(database().db);
    expect(await verifier.verify('sub-1', 'state-1')).toBe('ok');
    expect(await verifier.verify('sub-1', 'state-2')).toBe('mismatch');
    expect(await verifier.verify('sub-2', 'state-1')).toBe('unknown');
    // Once cached, the answer is synchronous: no database round trip per notification.
    expect(verifier.verify('sub-1', 'state-1')).toBe('ok');
  });

  test('an unknown id is not looked up again during its cooldown, unless forgotten', async () => {
    let now = 0;
    const verifier = createSubscriptionVerifier(database().db, { unknownCooldownMs: 1_000, now: () => now });
    expect(await verifier.verify('sub-new', 'state-new')).toBe('unknown');
    await database().db.insert(subscriptions).values(aSubscription('sub-new', 'state-new'));
    expect(verifier.verify('sub-new', 'state-new')).toBe('unknown');
    now = 2_000;
    expect(await verifier.verify('sub-new', 'state-new')).toBe('ok');

    expect(await verifier.verify('sub-later', 'x')).toBe('unknown');
    await database().db.insert(subscriptions).values(aSubscription('sub-later', 'x'));
    verifier.forget('sub-later');
    expect(await verifier.verify('sub-later', 'x')).toBe('ok');
  });
});
