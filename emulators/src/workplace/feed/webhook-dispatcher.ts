import { createHmac, randomUUID } from 'node:crypto';
import type { Change } from '../contract/changes.js';
import type { Faults } from '../http/faults.js';

export type WebhookConfig = {
  url: string;
  secret: string;
  /** Waits before each retry; one attempt plus one per entry. */
  retryDelaysMs?: number[];
  timeoutMs?: number;
};

export type WebhookAttempt = { at: string; status: number | null; error?: string };
export type WebhookDelivery = {
  id: string;
  sequences: number[];
  outcome: 'pending' | 'delivered' | 'failed' | 'lost';
  attempts: WebhookAttempt[];
};

const DEFAULT_RETRY_DELAYS_MS = [1_000, 5_000, 30_000, 120_000];
const DEFAULT_TIMEOUT_MS = 5_000;

export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export type WebhookDispatcher = ReturnType<typeof createWebhookDispatcher>;

/** Delivers each change as a signed POST, retrying with growing delays until a 2xx or the retries run out. */
export function createWebhookDispatcher(deps: {
  config: () => WebhookConfig | null;
  fetch: typeof fetch;
  sleep: (ms: number) => Promise<void>;
  now: () => Date;
  faults: Faults;
}) {
  const deliveries: WebhookDelivery[] = [];
  const inFlight = new Set<Promise<void>>();

  async function attempt(config: WebhookConfig, delivery: WebhookDelivery, body: string): Promise<boolean> {
    const timestamp = Math.floor(deps.now().getTime() / 1000);
    const record: WebhookAttempt = { at: deps.now().toISOString(), status: null };
    delivery.attempts.push(record);
    try {
      const response = await deps.fetch(config.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-workplace-delivery': delivery.id,
          'x-workplace-timestamp': String(timestamp),
          'x-workplace-signature': signWebhook(config.secret, timestamp, body),
        },
        body,
        signal: AbortSignal.timeout(config.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      });
      record.status = response.status;
      await response.body?.cancel();
      return response.ok;
    } catch (error) {
      record.error = (error as Error).message;
      return false;
    }
  }

  async function deliver(config: WebhookConfig, delivery: WebhookDelivery, changes: Change[]): Promise<void> {
    const body = JSON.stringify({ changes });
    const delays = config.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    for (let index = 0; ; index++) {
      if (await attempt(config, delivery, body)) {
        delivery.outcome = 'delivered';
        return;
      }
      if (index >= delays.length) {
        delivery.outcome = 'failed';
        return;
      }
      await deps.sleep(delays[index]!);
    }
  }

  return {
    send(changes: Change[]): void {
      const config = deps.config();
      if (!config) return;
      const delivery: WebhookDelivery = {
        id: randomUUID(),
        sequences: changes.map((change) => change.sequence),
        outcome: 'pending',
        attempts: [],
      };
      deliveries.push(delivery);
      if (deps.faults.take(['webhook-loss'])) {
        delivery.outcome = 'lost';
        return;
      }
      const running = deliver(config, delivery, structuredClone(changes)).finally(() => inFlight.delete(running));
      inFlight.add(running);
    },
    /** Resolves when every delivery started so far has succeeded or given up. */
    async whenIdle(): Promise<void> {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
    deliveries: (): WebhookDelivery[] => structuredClone(deliveries),
    clear: () => void (deliveries.length = 0),
  };
}
