import { and, inArray } from 'drizzle-orm';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Db } from '../storage/create-db.js';
import { subscriptions } from '../storage/schema.js';
import type { SubscriptionStatus } from '../storage/schema.js';

export type SubscriptionVerdict = 'ok' | 'unknown' | 'mismatch';

/** What a notification claims: the subscription it belongs to and the clientState it carries. */
export type NotificationClaim = { subscriptionId: string; clientState: string | null };

/** Checks a delivery's notifications against our subscriptions; the webhook route's only view of them. */
export interface SubscriptionSecrets {
  /** One verdict per claim, in order; synchronous when every subscription is known already. */
  verifyAll(claims: readonly NotificationClaim[]): SubscriptionVerdict[] | Promise<SubscriptionVerdict[]>;
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
  /** An id found unknown is not looked up again for this long (a flood of forged ids costs one query per delivery). */
  unknownCooldownMs?: number;
  /**
   * How long a subscription found active is trusted without asking again. `forget` clears it on this
   * instance when a subscription is removed; another instance that removed it is heard of within this time.
   */
  knownTtlMs?: number;
  now?(): number;
};

/** Graph still sends to a subscription awaiting reauthorization (its lifecycle notifications, above all). */
const LIVE_STATUSES: SubscriptionStatus[] = ['active', 'reauthorization-required'];
const MAX_REMEMBERED = 100_000;

/**
 * Verifies against the `subscriptions` table with an in-memory cache, so a notification costs a map
 * lookup and a hash. Only live subscriptions verify: one removed or expired is unknown. The ids of a
 * delivery that are not cached are looked up with one query, however many there are (a delivery holds
 * at most 1,000 notifications), so a forged delivery of 1,000 random ids costs one indexed query.
 *
 * A notification that arrives before its subscription row is committed is ignored as unknown; the
 * initial sync that follows creating a subscription covers it.
 */
export function createSubscriptionVerifier(
  db: Db,
  { unknownCooldownMs = 5_000, knownTtlMs = 60_000, now = Date.now }: SubscriptionVerifierOptions = {},
): SubscriptionSecrets & { forget(subscriptionId: string): void } {
  const known = new Map<string, { hash: string; until: number }>();
  const unknownUntil = new Map<string, number>();

  const cachedHashOf = (subscriptionId: string, at: number): string | null | undefined => {
    const entry = known.get(subscriptionId);
    if (entry && entry.until > at) return entry.hash;
    if ((unknownUntil.get(subscriptionId) ?? 0) > at) return null;
    return undefined;
  };

  const lookUp = async (ids: string[], at: number): Promise<Map<string, string>> => {
    const rows = await db
      .select({ id: subscriptions.id, hash: subscriptions.clientStateHash })
      .from(subscriptions)
      .where(and(inArray(subscriptions.id, ids), inArray(subscriptions.status, LIVE_STATUSES)));
    if (known.size + rows.length > MAX_REMEMBERED) known.clear();
    if (unknownUntil.size + ids.length > MAX_REMEMBERED) unknownUntil.clear();
    const found = new Map(rows.map((row) => [row.id, row.hash]));
    for (const id of ids) {
      const hash = found.get(id);
      if (hash === undefined) {
        known.delete(id);
        unknownUntil.set(id, at + unknownCooldownMs);
      } else {
        known.set(id, { hash, until: at + knownTtlMs });
      }
    }
    return found;
  };

  const verdictFor = (clientState: string | null, hash: string | null): SubscriptionVerdict =>
    hash === null ? 'unknown' : isClientStateMatch(clientState, hash) ? 'ok' : 'mismatch';

  return {
    verifyAll(claims) {
      const at = now();
      const cached = claims.map((claim) => cachedHashOf(claim.subscriptionId, at));
      const missing = [
        ...new Set(claims.filter((_, index) => cached[index] === undefined).map((c) => c.subscriptionId)),
      ];
      const verdicts = (looked: Map<string, string>) =>
        claims.map((claim, index) =>
          verdictFor(claim.clientState, cached[index] ?? looked.get(claim.subscriptionId) ?? null),
        );
      if (missing.length === 0) return verdicts(new Map());
      return lookUp(missing, at).then(verdicts);
    },
    forget(subscriptionId) {
      known.delete(subscriptionId);
      unknownUntil.delete(subscriptionId);
    },
  };
}
