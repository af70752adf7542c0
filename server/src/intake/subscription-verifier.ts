import { eq } from 'drizzle-orm';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Db } from '../storage/create-db.js';
import { subscriptions } from '../storage/schema.js';

export type SubscriptionVerdict = 'ok' | 'unknown' | 'mismatch';

/** Checks a notification's subscription and clientState; the webhook route's only view of subscriptions. */
export interface SubscriptionSecrets {
  verify(subscriptionId: string, clientState: string | null): SubscriptionVerdict | Promise<SubscriptionVerdict>;
}

/** What `subscriptions.client_state_hash` holds: the hex SHA-256 of the clientState sent to Graph. */
export function clientStateHashOf(clientState: string): string {
  return createHash('sha256').update(clientState, 'utf8').digest('hex');
}

/**
 * Constant time in the received value: both sides are 32-byte digests, so neither the comparison nor
 * its length check reveals how much of a forged clientState was right.
 */
export function isClientStateMatch(clientState: string | null, storedHash: string): boolean {
  if (clientState === null) return false;
  const received = createHash('sha256').update(clientState, 'utf8').digest();
  const expected = Buffer.from(storedHash, 'hex');
  return expected.length === received.length && timingSafeEqual(received, expected);
}

export type SubscriptionVerifierOptions = {
  /** An id found unknown is not looked up again for this long (a flood of forged ids costs one query each). */
  unknownCooldownMs?: number;
  now?(): number;
};

/**
 * Verifies against the `subscriptions` table with an in-memory cache, so a notification costs a map
 * lookup and a hash. Subscriptions are immutable in what matters here (a recreated one has a new id);
 * call `forget` when one is created or deleted so that the cache never answers from stale knowledge.
 *
 * A notification that arrives before its subscription row is committed is ignored as unknown; the
 * initial sync that follows creating a subscription covers it.
 */
export function createSubscriptionVerifier(
  db: Db,
  { unknownCooldownMs = 5_000, now = Date.now }: SubscriptionVerifierOptions = {},
): SubscriptionSecrets & { forget(subscriptionId: string): void } {
  const hashById = new Map<string, string>();
  const unknownUntil = new Map<string, number>();
  const lookups = new Map<string, Promise<string | null>>();
  const maxRemembered = 100_000;

  const lookUp = (subscriptionId: string): Promise<string | null> => {
    let lookup = lookups.get(subscriptionId);
    if (!lookup) {
      lookup = db
        .select({ hash: subscriptions.clientStateHash })
        .from(subscriptions)
        .where(eq(subscriptions.id, subscriptionId))
        .then(([row]) => {
          if (hashById.size >= maxRemembered) hashById.clear();
          if (unknownUntil.size >= maxRemembered) unknownUntil.clear();
          if (row) hashById.set(subscriptionId, row.hash);
          else unknownUntil.set(subscriptionId, now() + unknownCooldownMs);
          return row?.hash ?? null;
        })
        .finally(() => lookups.delete(subscriptionId));
      lookups.set(subscriptionId, lookup);
    }
    return lookup;
  };

  const verdictFor = (clientState: string | null, hash: string | null): SubscriptionVerdict =>
    hash === null ? 'unknown' : isClientStateMatch(clientState, hash) ? 'ok' : 'mismatch';

  return {
    verify(subscriptionId, clientState) {
      const cached = hashById.get(subscriptionId);
      if (cached !== undefined) return verdictFor(clientState, cached);
      if ((unknownUntil.get(subscriptionId) ?? 0) > now()) return 'unknown';
      return lookUp(subscriptionId).then((hash) => verdictFor(clientState, hash));
    },
    forget(subscriptionId) {
      hashById.delete(subscriptionId);
      unknownUntil.delete(subscriptionId);
    },
  };
}
