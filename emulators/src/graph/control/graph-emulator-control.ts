import { toGraphDateTimeOffset } from '../odata/graph-date-time.js';
import { UTC_ZONE, renderEvent } from '../calendar/event-view.js';
import { readEventChanges } from '../calendar/event-input.js';
import type { StoredEvent } from '../calendar/stored-event.js';
import { GraphError, invalidUser, itemNotFound } from '../odata/graph-error.js';
import { GRAPH_RESOURCE } from '../auth/token-issuer.js';
import type { RegisteredApp } from '../auth/app-registry.js';
import { applySeed, groupOf, memberIdOf, registeredAppOf } from '../seed/emulator-seed.js';
import type { EmulatorSeed, SeedApp, SeedGroup, SeedUser } from '../seed/emulator-seed.js';
import type { Group, Mailbox } from '../directory/directory.js';
import { demoSeed } from '../seed/demo-seed.js';
import type { EmulatorState } from '../emulator-state.js';
import type { DeliveryRecord } from '../notifications/notification-dispatcher.js';
import type { LifecycleEvent } from '../notifications/change-notification.js';
import { createAutoRelease } from '../meetings/auto-release.js';
import { renderMessage } from '../mail/message-view.js';
import { toGraphEventBody } from './outlook-meeting.js';
import type { OutlookAction } from './outlook-meeting.js';
import type { LatencyFault, NotificationFault, StatusFault } from './fault-injector.js';

export type DelegatedTokenOptions = {
  /** The signed-in user: object id, UPN, primary email or an smtp alias. */
  user: string;
  /** Token audience: the add-in API's client id or App ID URI, or 'https://graph.microsoft.com'. */
  audience: string;
  scopes: string[];
  /** The client app the user signed in to (azp/appid). */
  clientId?: string;
  version?: 1 | 2;
  lifetimeSeconds?: number;
  /** Base of the v2 issuer (`{base}/{tenant}/v2.0`); defaults to the listening URL. */
  issuerBaseUrl?: string;
};

export type MailboxEventsOptions = { start?: Date | string; end?: Date | string };

/** A user or room as the control API lists it. */
export type DirectoryUser = Pick<
  Mailbox,
  'id' | 'email' | 'userPrincipalName' | 'proxyAddresses' | 'displayName' | 'kind' | 'timeZone'
>;

/** Tests and demos drive the emulator through this object (or the same operations over /_emulator/*). */
export type GraphEmulatorControl = ReturnType<typeof createControl>;

export function createControl(state: EmulatorState) {
  const mailboxOf = (email: string) => {
    const mailbox = state.directory.find(email);
    if (!mailbox) throw invalidUser(email);
    return mailbox;
  };
  const groupById = (id: string) => {
    const group = state.directory.findGroup(id);
    if (!group) throw new GraphError(404, 'ResourceNotFound', `No group '${id}'.`);
    return group;
  };
  const subscriptionOf = (id: string) => {
    const subscription = state.subscriptions.get(id);
    if (!subscription) throw new GraphError(404, 'ResourceNotFound', `No subscription '${id}'.`);
    return subscription;
  };
  const sendLifecycle = (id: string, event: LifecycleEvent) =>
    state.notifications.sendLifecycle(subscriptionOf(id), event);
  const autoRelease = createAutoRelease(state);
  /** Time moved: Places releases the meetings whose claim time passed, and the attendants run. */
  const afterTimeMoved = async () => {
    if (autoRelease.sweep() > 0) await state.scheduler.idle();
  };

  const renderForControl = (item: StoredEvent) => ({
    ...renderEvent(item, { zone: UTC_ZONE, bodyContentType: 'html' }),
    singleValueExtendedProperties: Object.entries(item.extendedProperties).map(([id, value]) => ({ id, value })),
  });

  return {
    tenantId: state.tenantId,

    /** Empties everything (mailboxes, events, subscriptions, faults, pending deliveries) and applies a seed. The clock keeps its time. */
    reset(seed: EmulatorSeed | 'demo' | 'empty' = 'empty'): void {
      state.scheduler.clear();
      autoRelease.clear();
      state.directory.clear();
      state.apps.clear();
      state.calendars.clear();
      state.messages.clear();
      state.subscriptions.clear();
      state.notifications.clear();
      state.deltaStates.clear();
      state.faults.clear();
      state.throttle.reset();
      if (seed !== 'empty')
        applySeed(seed === 'demo' ? demoSeed : seed, {
          directory: state.directory,
          apps: state.apps,
          random: state.ids,
        });
    },

    /** Adds users, rooms, room lists and apps to the current state. */
    seed(seed: EmulatorSeed): void {
      applySeed(seed, { directory: state.directory, apps: state.apps, random: state.ids });
    },

    registerApp(app: SeedApp): RegisteredApp {
      return state.apps.register(registeredAppOf(app, state.ids));
    },

    /**
     * Limits an app to some mailboxes, as New-ApplicationAccessPolicy -AccessRight RestrictAccess (or an
     * RBAC management scope) does; 'all' removes the limit. Tokens already issued follow it at once.
     */
    setMailboxScope(clientId: string, mailboxScope: RegisteredApp['mailboxScope']): RegisteredApp {
      const app = state.apps.find(clientId);
      if (!app) throw new GraphError(404, 'ResourceNotFound', `No app '${clientId}' is registered.`);
      return state.apps.register({ ...app, mailboxScope });
    },

    /** Adds a user (or replaces the one with that id or email), e.g. with a UPN that is not the email and smtp aliases. */
    addUser(user: SeedUser): DirectoryUser {
      applySeed({ users: [user] }, { directory: state.directory, apps: state.apps, random: state.ids });
      return directoryUserOf(mailboxOf(user.email));
    },

    /** Adds a security group (or replaces the one with that id). */
    addGroup(group: SeedGroup): Group {
      return state.directory.addGroup(groupOf(group, state.directory, state.ids));
    },

    /** Replaces a group's members: users (object id, UPN or email) and nested groups (object id). */
    setGroupMembers(groupId: string, members: string[]): Group {
      const group = groupById(groupId);
      return state.directory.addGroup({
        ...group,
        memberIds: members.map((member) => memberIdOf(member, state.directory, group.id)),
      });
    },

    groups(): Group[] {
      return state.directory.groups();
    },

    /** An app-only Graph token without going through the token endpoint. */
    async issueAppToken(clientId: string): Promise<string> {
      const app = state.apps.find(clientId);
      if (!app) throw new GraphError(404, 'ResourceNotFound', `No app '${clientId}' is registered.`);
      return state.issuer.issueAppToken({
        clientId: app.clientId,
        appDisplayName: app.displayName,
        servicePrincipalId: app.servicePrincipalId,
        audience: GRAPH_RESOURCE,
        roles: app.graphRoles,
        authenticationMethod: 1,
      });
    },

    /** A delegated token for a user, as the add-in would get through NAA/SSO (audience = the add-in API). */
    async issueDelegatedToken(options: DelegatedTokenOptions): Promise<string> {
      const user = mailboxOf(options.user);
      const base = options.issuerBaseUrl ?? state.publicUrl ?? 'https://localhost';
      return state.issuer.issueDelegatedToken(
        {
          audience: options.audience,
          scopes: options.scopes,
          userId: user.id,
          userPrincipalName: user.userPrincipalName,
          displayName: user.displayName,
          clientId: options.clientId ?? options.audience,
          version: options.version ?? 2,
        },
        `${base}/${state.tenantId}/v2.0`,
        options.lifetimeSeconds,
      );
    },

    /** Acts as a user in Outlook: create, update, cancel, delete or answer a meeting in their calendar. */
    actAsUser(email: string, action: OutlookAction): Record<string, unknown> | null {
      const mailbox = mailboxOf(email);
      const calendar = state.calendars.calendarOf(mailbox.id);
      switch (action.action) {
        case 'create': {
          const changes = readEventChanges(toGraphEventBody(action.meeting, state.directory), {
            directory: state.directory,
            mailboxZone: mailbox.timeZone,
          });
          return renderForControl(state.writer.create(mailbox, changes).event);
        }
        case 'update': {
          const existing = calendar.resolve(action.eventId);
          if (!existing) throw itemNotFound();
          const body = toGraphEventBody(action.changes, state.directory, existing.attendees);
          const changes = readEventChanges(body, {
            directory: state.directory,
            mailboxZone: mailbox.timeZone,
            existing,
          });
          return renderForControl(state.writer.update(mailbox, existing.id, changes));
        }
        case 'cancel':
          state.writer.cancel(mailbox, action.eventId, action.comment ?? '');
          return null;
        case 'delete':
          state.writer.remove(mailbox, action.eventId);
          return null;
        case 'respond':
          state.writer.respond(
            mailbox,
            action.eventId,
            action.response,
            action.sendResponse !== false,
            action.comment ?? '',
          );
          return null;
      }
    },

    /** Any mailbox's stored items (singles, masters, exceptions), or its expanded view of a window; UTC, with extended properties. */
    mailboxEvents(email: string, window: MailboxEventsOptions = {}): Array<Record<string, unknown>> {
      const calendar = state.calendars.calendarOf(mailboxOf(email).id);
      const items =
        window.start !== undefined && window.end !== undefined
          ? calendar.instancesIn(new Date(window.start), new Date(window.end))
          : calendar.items().sort((a, b) => a.start.getTime() - b.start.getTime());
      return items.map(renderForControl);
    },

    /** A mailbox's meeting messages (responses to its meetings, cancellations of others'), newest first; HTML bodies. */
    messages(email: string): Array<Record<string, unknown>> {
      return state.messages
        .messagesOf(mailboxOf(email).id)
        .map((message) => renderMessage(message, { bodyContentType: 'html' }));
    },

    mailboxes() {
      return state.directory.mailboxes().map((mailbox) => ({
        ...directoryUserOf(mailbox),
        bookingSettings: mailbox.room?.bookingSettings ?? null,
      }));
    },

    clock: {
      now: (): Date => state.clock.now(),
      isFrozen: (): boolean => state.clock.isFrozen,
      freeze(at?: Date | string): Promise<void> {
        state.clock.freeze();
        return at === undefined ? Promise.resolve() : state.scheduler.moveTo(new Date(at).getTime());
      },
      resume(): void {
        state.clock.resume();
        state.scheduler.moveTo(state.clock.nowMs()).catch(() => undefined);
      },
      /** Moves emulated time forward, running what falls due on the way (expiry, retries, room processing). */
      advance: async (ms: number): Promise<void> => {
        await state.scheduler.advance(ms);
        await afterTimeMoved();
      },
      set: async (to: Date | string): Promise<void> => {
        const target = new Date(to).getTime();
        if (target < state.clock.nowMs()) state.clock.setTime(target);
        else await state.scheduler.moveTo(target);
        await afterTimeMoved();
      },
    },

    /** Microsoft Places and Teams Rooms panels: check-in and release of a room's meeting (see auto-release.ts). */
    rooms: {
      /** Someone checked in (Places, the room's panel): auto-release leaves this occurrence or meeting alone. */
      checkIn: (room: string, eventId: string): void => autoRelease.checkIn(mailboxOf(room), eventId),
      /** Releases a started occurrence or meeting now (a panel's "release", Places); the room declines it. */
      releaseNow: async (room: string, eventId: string): Promise<void> => {
        autoRelease.releaseNow(mailboxOf(room), eventId);
        await state.scheduler.idle();
      },
      /** Runs Places' auto-release at the current time; returns how many meetings it released. */
      autoRelease: async (): Promise<number> => {
        const released = autoRelease.sweep();
        await state.scheduler.idle();
        return released;
      },
    },

    faults: {
      /** The next `count` requests (on `mailbox`, if given) get 429 (or 503) ApplicationThrottled with Retry-After. */
      throttle(fault: {
        count: number;
        mailbox?: string;
        status?: 429 | 503;
        retryAfterSeconds?: number;
        pathContains?: string;
      }): void {
        state.faults.addStatusFault({
          ...fault,
          status: fault.status ?? 429,
          retryAfterSeconds: fault.retryAfterSeconds ?? 1,
          code: 'ApplicationThrottled',
          message: 'Application is over its MailboxConcurrency limit.',
        });
      },
      /** The next `count` matching requests fail with `status` (500, 503, 504…) and Graph's error body. */
      errors(fault: StatusFault): void {
        state.faults.addStatusFault(fault);
      },
      latency(fault: LatencyFault): void {
        state.faults.addLatencyFault(fault);
      },
      notifications(fault: NotificationFault): void {
        state.faults.addNotificationFault(fault);
      },
      /** Drops delta sync states: their nextLinks and deltaLinks now answer 410 SyncStateNotFound. */
      expireDeltaTokens(mailbox?: string): number {
        return state.deltaStates.expire(mailbox === undefined ? undefined : mailboxOf(mailbox).id);
      },
      emptyDeltaPages(count: number): void {
        state.faults.emptyDeltaPages += count;
      },
      clear(): void {
        state.faults.clear();
      },
    },

    subscriptions() {
      return state.subscriptions.all().map((subscription) => ({
        ...subscription,
        expirationDateTime: toGraphDateTimeOffset(subscription.expirationDateTime),
      }));
    },

    /** Removes a subscription as Exchange may, announcing it with a subscriptionRemoved lifecycle event. */
    removeSubscription(id: string, { notify = true }: { notify?: boolean } = {}): void {
      const subscription = subscriptionOf(id);
      if (notify) state.notifications.sendLifecycle(subscription, 'subscriptionRemoved');
      state.subscriptions.delete(subscription.id);
    },

    /** Sends reauthorizationRequired and pauses delivery until the app reauthorizes or renews. */
    requireReauthorization(id: string): void {
      const subscription = subscriptionOf(id);
      state.subscriptions.save({ ...subscription, isAwaitingReauthorization: true });
      sendLifecycle(id, 'reauthorizationRequired');
    },

    sendMissed(id: string): void {
      sendLifecycle(id, 'missed');
    },

    /** Delivery attempts so far (url, status, count), for debugging. */
    deliveries(): DeliveryRecord[] {
      return [...state.notifications.deliveries];
    },

    /** Resolves when nothing is due now: meeting processing done, notifications delivered or waiting for a later retry. */
    idle: (): Promise<void> => state.scheduler.idle(),
    deliveryIdle: (): Promise<void> => state.scheduler.idle(),
  };
}

function directoryUserOf(mailbox: Mailbox): DirectoryUser {
  return {
    id: mailbox.id,
    email: mailbox.email,
    userPrincipalName: mailbox.userPrincipalName,
    proxyAddresses: [...mailbox.proxyAddresses],
    displayName: mailbox.displayName,
    kind: mailbox.kind,
    timeZone: mailbox.timeZone,
  };
}
