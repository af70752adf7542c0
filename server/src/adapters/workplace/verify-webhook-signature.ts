import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { WorkplaceChangeSchema } from './workplace-schemas.js';
import type { WorkplaceChange } from './workplace-schemas.js';

export type WebhookRejection = 'missing-headers' | 'stale-timestamp' | 'bad-signature' | 'malformed-body';

export type WebhookVerification = { ok: true; changes: WorkplaceChange[] } | { ok: false; reason: WebhookRejection };

const WebhookBody = z.object({ changes: z.array(WorkplaceChangeSchema).min(1) });
const DEFAULT_TOLERANCE_SECONDS = 300;

/**
 * Checks a Workplace webhook delivery: `X-Workplace-Signature: sha256=<hex HMAC-SHA256 of
 * "<timestamp>.<raw body>">`, compared in constant time, and a timestamp within the tolerance so a
 * captured delivery cannot be replayed later. The signature covers the raw bytes: verify before parsing.
 */
export function verifyWorkplaceWebhook(input: {
  rawBody: string | Buffer;
  timestamp: string | undefined;
  signature: string | undefined;
  secret: string;
  now: Date;
  toleranceSeconds?: number;
}): WebhookVerification {
  const { timestamp, signature } = input;
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'missing-headers' };
  const tolerance = input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (Math.abs(input.now.getTime() / 1000 - Number(timestamp)) > tolerance)
    return { ok: false, reason: 'stale-timestamp' };

  const raw = typeof input.rawBody === 'string' ? Buffer.from(input.rawBody, 'utf8') : input.rawBody;
  const expected = createHmac('sha256', input.secret).update(`${timestamp}.`).update(raw).digest();
  const match = /^sha256=([0-9a-f]{64})$/i.exec(signature.trim());
  const given = match ? Buffer.from(match[1]!, 'hex') : Buffer.alloc(expected.length);
  if (!timingSafeEqual(given, expected) || !match) return { ok: false, reason: 'bad-signature' };

  try {
    const parsed = WebhookBody.safeParse(JSON.parse(raw.toString('utf8')));
    return parsed.success ? { ok: true, changes: parsed.data.changes } : { ok: false, reason: 'malformed-body' };
  } catch {
    return { ok: false, reason: 'malformed-body' };
  }
}
