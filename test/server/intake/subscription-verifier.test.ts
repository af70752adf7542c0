import { describe, expect, test } from 'vitest';
import {
  clientStateHashOf,
  createSubscriptionVerifier,
  isClientStateMatch,
} from '../../../server/src/intake/subscription-verifier.js';
import type { SubscriptionVerdict } from '../../../server/src/intake/subscription-verifier.js';
import { subscriptions } from '../../../server/src/storage/schema.js';
import type { SubscriptionStatus } from '../../../server/src/storage/schema.js';
import { countPgliteStatements } from '../../../bench/support/pglite-statements.js';
import { createTestPglite, useTestDb } from '../../support/test-db.js';

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
  type Verifier = ReturnType<typeof createSubscriptionVerifier>;
  /** One notification's verdict: a promise when the database was asked, the verdict itself when cached. */
  const verify = (verifier: Verifier, subscriptionId: string, clientState: string) => {
    const checked = verifier.verifyAll([{ subscriptionId, clientState }]);
    return Array.isArray(checked) ? checked[0]! : checked.then((verdicts): SubscriptionVerdict => verdicts[0]!);
  };
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
    expect(await verify(verifier, 'sub-1', 'state-1')).toBe('ok');
    expect(await verify(verifier, 'sub-1', 'state-2')).toBe('mismatch');
    expect(await verify(verifier, 'sub-2', 'state-1')).toBe('unknown');
    // Once cached, the answer is synchronous: no database round trip per notification.
    expect(verify(verifier, 'sub-1', 'state-1')).toBe('ok');
  });

  test('an unknown id is not looked up again during its cooldown, unless forgotten', async () => {
    let now = 0;
    const verifier = createSubscriptionVerifier(database().db, { unknownCooldownMs: 1_000, now: () => now });
    expect(await verify(verifier, 'sub-new', 'state-new')).toBe('unknown');
    await database().db.insert(subscriptions).values(aSubscription('sub-new', 'state-new'));
    expect(verify(verifier, 'sub-new', 'state-new')).toBe('unknown');
    now = 2_000;
    expect(await verify(verifier, 'sub-new', 'state-new')).toBe('ok');

    expect(await verify(verifier, 'sub-later', 'x')).toBe('unknown');
    await database().db.insert(subscriptions).values(aSubscription('sub-later', 'x'));
    verifier.forget('sub-later');
    expect(await verify(verifier, 'sub-later', 'x')).toBe('ok');
  });

  test('only live subscriptions verify: removed and expired ones are unknown, awaiting reauthorization still ok', async () => {
    const statuses: SubscriptionStatus[] = ['active', 'reauthorization-required', 'removed', 'expired'];
    await database()
      .db.insert(subscriptions)
      .values(statuses.map((status) => ({ ...aSubscription(`sub-${status}`, 'state'), status })));
    const verifier = createSubscriptionVerifier(database().db);
    const verdicts = await verifier.verifyAll(
      statuses.map((status) => ({ subscriptionId: `sub-${status}`, clientState: 'state' })),
    );
    expect(verdicts).toEqual(['ok', 'ok', 'unknown', 'unknown']);
  });

  test('a subscription removed by another instance stops verifying once its cache entry ages out', async () => {
    await database().db.insert(subscriptions).values(aSubscription('sub-1', 'state-1'));
    let now = 0;
    const verifier = createSubscriptionVerifier(database().db, { knownTtlMs: 60_000, now: () => now });
    expect(await verify(verifier, 'sub-1', 'state-1')).toBe('ok');
    await database().db.update(subscriptions).set({ status: 'removed' });
    now = 30_000;
    expect(verify(verifier, 'sub-1', 'state-1')).toBe('ok');
    now = 61_000;
    expect(await verify(verifier, 'sub-1', 'state-1')).toBe('unknown');
  });

  test('a delivery of 1,000 random subscription ids costs one query, and its repeat none', async () => {
    await database().db.insert(subscriptions).values(aSubscription('sub-1', 'state-1'));
    const verifier = createSubscriptionVerifier(database().db);
    const claims = Array.from({ length: 1_000 }, (_, index) => ({
      subscriptionId: index === 500 ? 'sub-1' : crypto.randomUUID(),
      clientState: index === 500 ? 'state-1' : 'forged',
    }));
    const statements = countPgliteStatements(database())!;
    const verdicts = await verifier.verifyAll(claims);
    expect(statements.count()).toBe(1);
    expect(verdicts.filter((verdict) => verdict === 'ok')).toHaveLength(1);
    expect(verdicts.filter((verdict) => verdict === 'unknown')).toHaveLength(999);
    expect(Array.isArray(verifier.verifyAll(claims))).toBe(true);
    expect(statements.count()).toBe(1);
  });
});
