import type { ClockOptions, EmulatorClock } from './clock/emulator-clock.js';
import type { MeetingProcessingOptions } from './meetings/meeting-coordinator.js';
import type { DeliveryOptions, NotificationNoiseOptions } from './notifications/notification-dispatcher.js';
import type { OutgoingTls } from './notifications/outgoing-post.js';
import type { EmulatorSeed } from './seed/emulator-seed.js';
import type { EmulatorCertificate } from './tls/emulator-certificate.js';
import { DEFAULT_THROTTLE_OPTIONS } from './throttling/mailbox-throttle.js';
import type { ThrottleOptions } from './throttling/mailbox-throttle.js';

export type NoiseOptions = NotificationNoiseOptions & {
  /** Extra `updated` changes a room makes while booking (real rooms: 1 created + 3 updated, contrib #6727). */
  roomProcessingUpdates: number;
  /** Share of delta pages answered empty with a nextLink. */
  emptyDeltaPageProbability: number;
};

/** What Graph does: duplicates, shuffled batches, a noisy booking attendant, occasional empty delta pages. */
export const REALISTIC_NOISE: NoiseOptions = {
  duplicateProbability: 0.2,
  shuffle: true,
  batchDelayMs: 0,
  maxBatchSize: 20,
  roomProcessingUpdates: 3,
  emptyDeltaPageProbability: 0.1,
};

/** One notification per change, in order, and no empty pages: for tests that assert exact sequences. */
export const NO_NOISE: NoiseOptions = {
  duplicateProbability: 0,
  shuffle: false,
  batchDelayMs: 0,
  maxBatchSize: 20,
  roomProcessingUpdates: 0,
  emptyDeltaPageProbability: 0,
};

export type GraphEmulatorOptions = {
  /** The tenant GUID: in tokens (`tid`), notifications (`tenantId`) and the authority path. */
  tenantId: string;
  /** Other names of the tenant in authority URLs, e.g. 'contoso.onmicrosoft.com'. */
  tenantAliases?: string[];
  /** A clock to share, or how to start one (default: running at real time). */
  clock?: EmulatorClock | ClockOptions;
  /** Initial directory and apps (default: empty; 'demo' = the Contoso demo tenant). */
  seed?: EmulatorSeed | 'demo' | 'empty';
  /** Seed of every random choice (ids, noise), so runs repeat. */
  randomSeed?: number;
  noise?: 'realistic' | 'none' | Partial<NoiseOptions>;
  delivery?: Partial<Omit<DeliveryOptions, 'tls'>>;
  /** Extra trust for https notification URLs (a local server's self-signed certificate). */
  notificationTls?: OutgoingTls;
  subscriptions?: Partial<{ maxExpirationMinutes: number; rejectDuplicates: boolean; validationTimeoutMs: number }>;
  throttling?: Partial<ThrottleOptions>;
  meetings?: Partial<Pick<MeetingProcessingOptions, 'processingDelayMs'>>;
  /** Lifetime of issued access tokens in seconds (Entra: ~3599), counted on the emulator clock. */
  tokenLifetimeSeconds?: number;
  /** Emulated lifetime of delta tokens; default: they live until expired through the control API. */
  deltaTokenLifetimeMs?: number | null;
  /** A TLS key and certificate to serve (e.g. one already trusted via NODE_EXTRA_CA_CERTS); default: generated. */
  certificate?: EmulatorCertificate;
  logger?: boolean;
};

export type ResolvedEmulatorOptions = {
  noise: NoiseOptions;
  delivery: DeliveryOptions;
  notificationTls: OutgoingTls;
  subscriptions: { maxExpirationMinutes: number; rejectDuplicates: boolean; validationTimeoutMs: number };
  throttling: ThrottleOptions;
  meetings: MeetingProcessingOptions;
  tokenLifetimeSeconds: number;
  deltaTokenLifetimeMs: number | null;
};

export function resolveOptions(options: GraphEmulatorOptions): ResolvedEmulatorOptions {
  const noise =
    options.noise === 'none'
      ? NO_NOISE
      : options.noise === 'realistic' || options.noise === undefined
        ? REALISTIC_NOISE
        : { ...REALISTIC_NOISE, ...options.noise };
  const notificationTls = options.notificationTls ?? {};
  return {
    noise,
    notificationTls,
    delivery: {
      timeoutMs: 10_000,
      retryInitialDelayMs: 60_000,
      retryMaxDelayMs: 30 * 60_000,
      giveUpAfterMs: 4 * 3_600_000,
      ...options.delivery,
      tls: notificationTls,
    },
    subscriptions: {
      maxExpirationMinutes: 10_080,
      rejectDuplicates: true,
      validationTimeoutMs: 10_000,
      ...options.subscriptions,
    },
    throttling: { ...DEFAULT_THROTTLE_OPTIONS, ...options.throttling },
    meetings: { processingDelayMs: 0, roomProcessingUpdates: noise.roomProcessingUpdates, ...options.meetings },
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3599,
    deltaTokenLifetimeMs: options.deltaTokenLifetimeMs ?? null,
  };
}
