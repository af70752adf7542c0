import type { AppRegistry } from './auth/app-registry.js';
import type { TokenIssuer } from './auth/token-issuer.js';
import type { CalendarStore } from './calendar/calendar-store.js';
import type { EventWriter } from './calendar/event-writer.js';
import type { EmulatorClock } from './clock/emulator-clock.js';
import type { Scheduler } from './clock/scheduler.js';
import type { FaultInjector } from './control/fault-injector.js';
import type { MessageStore } from './mail/mailbox-messages.js';
import type { DeltaSyncStates } from './delta/delta-sync-states.js';
import type { Directory } from './directory/directory.js';
import type { NotificationDispatcher } from './notifications/notification-dispatcher.js';
import type { SeededRandom } from './random/seeded-random.js';
import type { SubscriptionStore } from './subscriptions/subscription-store.js';
import type { MailboxThrottle } from './throttling/mailbox-throttle.js';

/** The emulator's parts, built once by createGraphEmulator and shared by its routes and control API. */
export type EmulatorState = {
  tenantId: string;
  clock: EmulatorClock;
  scheduler: Scheduler;
  ids: SeededRandom;
  noise: SeededRandom;
  directory: Directory;
  apps: AppRegistry;
  issuer: TokenIssuer;
  calendars: CalendarStore;
  writer: EventWriter;
  /** Meeting messages (responses, cancellations) delivered to mailboxes. */
  messages: MessageStore;
  subscriptions: SubscriptionStore;
  notifications: NotificationDispatcher;
  deltaStates: DeltaSyncStates;
  faults: FaultInjector;
  throttle: MailboxThrottle;
  /** The https base URL the emulator is reachable at, once listening (issuer of delegated tokens). */
  publicUrl: string | null;
};
