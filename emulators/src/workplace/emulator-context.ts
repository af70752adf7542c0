import type { ReservationService } from './domain/reservation-service.js';
import type { WorkplaceSeed, WorkplaceState } from './domain/workplace-state.js';
import type { WebhookConfig, WebhookDispatcher } from './feed/webhook-dispatcher.js';
import type { Faults } from './http/faults.js';

/** What the routes share; built once per emulator by createWorkplaceEmulator. */
export type EmulatorContext = {
  state: () => WorkplaceState;
  service: ReservationService;
  faults: Faults;
  webhooks: WebhookDispatcher;
  clock: { now: () => Date; set: (at: Date | null) => void };
  reset: (seed?: WorkplaceSeed) => void;
  /** Unknown to every cursor handed out so far: readers get 410 and must resynchronise. */
  expireCursors: () => void;
  setWebhook: (config: WebhookConfig | null) => void;
};
