import type { ReservationLine } from '@workplace-sync/shared';
import { sql, type SQL } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';

// The single source of truth for the database: migrations are generated from this file
// (`npm run db:generate -- --name <change>`), never written by hand.
//
// Closed sets are `text` + CHECK rather than pgEnum: adding or dropping a value is then a plain
// constraint swap inside a migration, which PostgreSQL and PGlite both run transactionally.
// Mailbox and organizer addresses are stored lower-case (CHECK-enforced), so lookups are plain `=`.

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const createdAt = () => timestamptz('created_at').notNull().defaultNow();
const updatedAt = () =>
  timestamptz('updated_at')
    .notNull()
    .defaultNow()
    .$onUpdate(() => sql`now()`);

// Values come from the `as const` arrays below, never from input, so inlining them is safe; drizzle-kit
// needs the CHECK body as literal SQL.
const isOneOf = (column: AnyPgColumn, values: readonly string[]): SQL =>
  sql`${column} in (${sql.raw(values.map((value) => `'${value}'`).join(', '))})`;
const isLowerCase = (column: AnyPgColumn): SQL => sql`${column} = lower(${column})`;

/**
 * Which mode a database belongs to, recorded the first time a server uses it: the embedded default
 * resets its tables at each start (the emulators start over from demo data), so it must never run on
 * a database real mode has used. One row.
 */
export const databaseRole = pgTable('database_role', {
  id: integer('id').primaryKey().default(1),
  role: text('role').$type<'embedded' | 'real'>().notNull(),
  claimedAt: timestamptz('claimed_at').notNull().defaultNow(),
});

/** A Workplace meeting-room area linked to an Exchange room mailbox. */
export const rooms = pgTable(
  'rooms',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workplaceAreaId: text('workplace_area_id').notNull().unique(),
    mailbox: text('mailbox').notNull().unique(),
    displayName: text('display_name').notNull(),
    buildingId: text('building_id').notNull(),
    isEnabled: boolean('is_enabled').notNull().default(true),
    /**
     * What the sync last saw of the room's calendar processing: true when a meeting's room copy had
     * its subject replaced (DeleteSubject / AddOrganizerToSubject), false when a copy kept it; null
     * until an Outlook meeting was seen. Graph does not expose Set-CalendarProcessing, so this is observed.
     */
    rewritesSubjects: boolean('rewrites_subjects'),
    rewritesSubjectsSeenAt: timestamptz('rewrites_subjects_seen_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [check('rooms_mailbox_lower_case', isLowerCase(table.mailbox))],
);

export const subscriptionStatuses = ['active', 'reauthorization-required', 'removed', 'expired'] as const;
export type SubscriptionStatus = (typeof subscriptionStatuses)[number];

/**
 * One Graph change-notification subscription on a room calendar. A mailbox can briefly have two
 * (the old one being removed while its replacement is created), so `mailbox` is not unique.
 */
export const subscriptions = pgTable(
  'subscriptions',
  {
    /** Graph's subscription id. */
    id: text('id').primaryKey(),
    mailbox: text('mailbox').notNull(),
    resource: text('resource').notNull(),
    /** A hash of the clientState we sent; the secret itself is derived from config and never stored. */
    clientStateHash: text('client_state_hash').notNull(),
    expiresAt: timestamptz('expires_at').notNull(),
    status: text('status').$type<SubscriptionStatus>().notNull().default('active'),
    lastNotificationAt: timestamptz('last_notification_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    check('subscriptions_mailbox_lower_case', isLowerCase(table.mailbox)),
    check('subscriptions_status_valid', isOneOf(table.status, subscriptionStatuses)),
    index('subscriptions_mailbox_idx').on(table.mailbox),
    index('subscriptions_expires_at_idx').on(table.expiresAt),
  ],
);

export const cursorSources = ['graph', 'workplace'] as const;
export type CursorSource = (typeof cursorSources)[number];

/**
 * Where to resume reading changes: a Graph calendarView delta link per mailbox (valid only for the
 * window it was started with), or the Workplace change-feed cursor (scope 'feed').
 */
export const deltaCursors = pgTable(
  'delta_cursors',
  {
    source: text('source').$type<CursorSource>().notNull(),
    /** The room mailbox for 'graph'; 'feed' for the Workplace change feed. */
    scope: text('scope').notNull(),
    cursor: text('cursor').notNull(),
    windowStart: timestamptz('window_start'),
    windowEnd: timestamptz('window_end'),
    updatedAt: updatedAt(),
  },
  (table) => [
    primaryKey({ name: 'delta_cursors_pk', columns: [table.source, table.scope] }),
    check('delta_cursors_source_valid', isOneOf(table.source, cursorSources)),
  ],
);

/**
 * Reservations we are about to create for an Outlook meeting, written before the create: if the worker
 * dies after Workplace stored the reservation and before we linked it, the next run knows where (room
 * and time, which the meeting may since have left) to look for it by its `externalRef`, so it adopts the
 * reservation instead of booking the meeting twice. Cleared once the link is saved.
 */
export const pendingReservations = pgTable(
  'pending_reservations',
  {
    iCalUId: text('ical_uid').notNull(),
    mailboxes: jsonb('mailboxes').$type<string[]>().notNull(),
    searchFrom: timestamptz('search_from').notNull(),
    searchTo: timestamptz('search_to').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ name: 'pending_reservations_pk', columns: [table.iCalUId, table.searchFrom, table.searchTo] }),
  ],
);

/**
 * One writer per meeting: the rooms of one Outlook meeting are synced by different jobs, which must not
 * create or restructure its one reservation side by side. A lease (database clock) so that a worker
 * that dies holding it blocks the meeting only until `expires_at`.
 */
export const meetingLocks = pgTable('meeting_locks', {
  iCalUId: text('ical_uid').primaryKey(),
  holder: text('holder').notNull(),
  expiresAt: timestamptz('expires_at').notNull(),
});

/**
 * Reservations of Outlook meetings whose last room was removed while other lines (equipment, catering)
 * stay: kept for a short grace in case another room of the same edit joins (a room swap), cancelled
 * by the feed run after `due_at` if none did.
 */
export const roomlessReservations = pgTable('roomless_reservations', {
  reservationId: text('reservation_id').primaryKey(),
  iCalUId: text('ical_uid').notNull(),
  dueAt: timestamptz('due_at').notNull(),
});

export const bookingOrigins = ['exchange', 'workplace'] as const;
export type BookingOrigin = (typeof bookingOrigins)[number];

/**
 * What we last synced between one room-calendar event and one Workplace reservation line: a whole
 * series or single meeting (`occurrenceOriginalStart` null), or one modified/cancelled occurrence.
 * The hashes are `syncHash` of each side as written, so an echo of our own write compares equal.
 */
export const bookingLinks = pgTable(
  'booking_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mailbox: text('mailbox').notNull(),
    /** The event id in the room's calendar (the room copy, not the organizer's). */
    graphEventId: text('graph_event_id').notNull(),
    iCalUId: text('ical_uid').notNull(),
    /** Set on occurrence rows: the series master's event id in the same mailbox. */
    seriesMasterEventId: text('series_master_event_id'),
    occurrenceOriginalStart: timestamptz('occurrence_original_start'),
    workplaceReservationId: text('workplace_reservation_id').notNull(),
    workplaceLineId: text('workplace_line_id').notNull(),
    graphChangeKey: text('graph_change_key').notNull(),
    /**
     * The room copy's lastModifiedDateTime at graphChangeKey: a copy Exchange changed no later than this
     * but with another changeKey was read before our own write landed (see mayPredateLink).
     */
    graphModifiedAt: timestamptz('graph_modified_at'),
    /** Opaque; sent back as If-Match. */
    workplaceVersion: text('workplace_version').notNull(),
    graphHash: text('graph_hash').notNull(),
    workplaceHash: text('workplace_hash').notNull(),
    origin: text('origin').$type<BookingOrigin>().notNull(),
    isCancelled: boolean('is_cancelled').notNull().default(false),
    /** What Exchange shows of this room while its Workplace line waits for approval: tentative. */
    isAwaitingApproval: boolean('is_awaiting_approval').notNull().default(false),
    /** End of a single meeting (null for a series): a full round does not re-read meetings that are over. */
    endsAt: timestamptz('ends_at'),
    /**
     * Occurrences (original starts, UTC ISO; a single meeting's start) released while they ran (no-show,
     * ended early) and already applied on both sides: a repeated feed entry, and the echo of the room's own
     * decline, change nothing.
     */
    releasedOccurrences: jsonb('released_occurrences').$type<string[]>().notNull().default([]),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    unique('booking_links_mailbox_event_unique').on(table.mailbox, table.graphEventId),
    // NULLS NOT DISTINCT (PostgreSQL 15+): a whole-series row has no original start, and there must be
    // only one of those per line; with plain UNIQUE every NULL would count as different.
    unique('booking_links_reservation_line_occurrence_unique')
      .on(table.workplaceReservationId, table.workplaceLineId, table.occurrenceOriginalStart)
      .nullsNotDistinct(),
    check('booking_links_mailbox_lower_case', isLowerCase(table.mailbox)),
    check('booking_links_origin_valid', isOneOf(table.origin, bookingOrigins)),
    index('booking_links_ical_uid_idx').on(table.iCalUId),
    index('booking_links_series_master_idx').on(table.mailbox, table.seriesMasterEventId),
  ],
);

export const intentStatuses = ['held', 'matched', 'released'] as const;
export type IntentStatus = (typeof intentStatuses)[number];

/**
 * A room picked in the Outlook add-in, held tentatively in Workplace until Exchange delivers the
 * organizer's meeting to the room calendar and the sync matches it (or the hold expires).
 */
export const bookingIntents = pgTable(
  'booking_intents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The organizer's primary SMTP address (from the directory): what the arriving meeting names. */
    organizerEmail: text('organizer_email').notNull(),
    /** Who placed the hold: `tid/oid` of the verified token (null on holds placed before identities were kept). */
    ownerId: text('owner_id'),
    mailbox: text('mailbox').notNull(),
    /** The tentative Workplace reservation that holds the room. */
    workplaceReservationId: text('workplace_reservation_id').notNull(),
    lines: jsonb('lines').$type<ReservationLine[]>().notNull(),
    startAt: timestamptz('start_at').notNull(),
    endAt: timestamptz('end_at').notNull(),
    status: text('status').$type<IntentStatus>().notNull().default('held'),
    matchedBookingLinkId: uuid('matched_booking_link_id'),
    /**
     * For an alternative room held for some occurrences of a series: the intent of the series' own room.
     * It is confirmed with that intent (its meeting never reaches this room's calendar from Outlook).
     */
    alternativeOf: uuid('alternative_of'),
    expiresAt: timestamptz('expires_at').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    foreignKey({
      name: 'booking_intents_matched_booking_link_fk',
      columns: [table.matchedBookingLinkId],
      foreignColumns: [bookingLinks.id],
    }).onDelete('set null'),
    foreignKey({
      name: 'booking_intents_alternative_of_fk',
      columns: [table.alternativeOf],
      foreignColumns: [table.id],
    }).onDelete('cascade'),
    check('booking_intents_mailbox_lower_case', isLowerCase(table.mailbox)),
    check('booking_intents_organizer_lower_case', isLowerCase(table.organizerEmail)),
    check('booking_intents_status_valid', isOneOf(table.status, intentStatuses)),
    check('booking_intents_end_after_start', sql`${table.endAt} > ${table.startAt}`),
    index('booking_intents_match_idx')
      .on(table.mailbox, table.startAt)
      .where(sql`${table.status} = 'held'`),
    index('booking_intents_expiry_idx')
      .on(table.expiresAt)
      .where(sql`${table.status} = 'held'`),
    index('booking_intents_owner_idx')
      .on(table.ownerId)
      .where(sql`${table.status} = 'held'`),
  ],
);

export const syncDirections = ['exchange-to-workplace', 'workplace-to-exchange'] as const;
export type SyncDirection = (typeof syncDirections)[number];
export type SyncAction =
  | 'created'
  | 'updated'
  | 'cancelled'
  | 'declined'
  | 'conflict-resolved'
  | 'echo-ignored'
  | 'intent-matched'
  | 'linked'
  | 'skipped'
  | 'failed'
  | 'quarantined';

/** What the sync did and why, per booking, for the admin console. */
export const syncLog = pgTable(
  'sync_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamptz('at').notNull().defaultNow(),
    /** Null for entries that concern no single room (e.g. a Workplace reservation for an unlinked area). */
    mailbox: text('mailbox'),
    bookingLinkId: uuid('booking_link_id'),
    direction: text('direction').$type<SyncDirection>().notNull(),
    // No CHECK on purpose: a log write must never fail a sync because a new action name shipped
    // before its migration; the TypeScript union keeps the set closed.
    action: text('action').$type<SyncAction>().notNull(),
    reason: text('reason').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>(),
  },
  (table) => [
    foreignKey({
      name: 'sync_log_booking_link_fk',
      columns: [table.bookingLinkId],
      foreignColumns: [bookingLinks.id],
    }).onDelete('set null'),
    check('sync_log_direction_valid', isOneOf(table.direction, syncDirections)),
    index('sync_log_mailbox_at_idx').on(table.mailbox, table.at.desc()),
    index('sync_log_at_idx').on(table.at.desc()),
    index('sync_log_booking_link_idx').on(table.bookingLinkId),
  ],
);

/**
 * How long each change took from being announced (a Graph notification, a Workplace webhook) to the end
 * of the sync run that applied it (observability/change-latency.ts): what the console's charts take
 * their percentiles from, as the Prometheus histogram is per process and keeps no history.
 */
export const changeLatencies = pgTable(
  'change_latencies',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** When the sync run that applied the change finished. */
    at: timestamptz('at').notNull().defaultNow(),
    direction: text('direction').$type<SyncDirection>().notNull(),
    seconds: doublePrecision('seconds').notNull(),
  },
  (table) => [
    check('change_latencies_direction_valid', isOneOf(table.direction, syncDirections)),
    index('change_latencies_at_idx').on(table.at),
  ],
);

/** Work that failed and is retried with backoff until it succeeds or an admin resolves it. */
export const failedItems = pgTable(
  'failed_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** What failed, e.g. 'graph-write', 'workplace-write', 'subscription-renewal'. */
    kind: text('kind').notNull(),
    /** Identifies the item within its kind (e.g. mailbox + event id), so a retry updates the same row. */
    key: text('key').notNull(),
    payload: jsonb('payload').$type<unknown>().notNull(),
    error: text('error').notNull(),
    /** Failed attempts so far; a row exists only after the first failure. */
    attempts: integer('attempts').notNull().default(1),
    nextAttemptAt: timestamptz('next_attempt_at').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    resolvedAt: timestamptz('resolved_at'),
    /** How it was closed: sent back to the queue, dismissed by an admin, or synced after all. */
    resolution: text('resolution').$type<'retried' | 'dismissed' | 'synced'>(),
  },
  (table) => [
    // One open item per (kind, key); resolved ones stay as history.
    uniqueIndex('failed_items_open_kind_key_unique')
      .on(table.kind, table.key)
      .where(sql`${table.resolvedAt} is null`),
    index('failed_items_due_idx')
      .on(table.nextAttemptAt)
      .where(sql`${table.resolvedAt} is null`),
  ],
);

/**
 * Inbox of Graph webhook notifications, written before the endpoint answers 202 (Graph retries only
 * on a non-2xx answer, so an acknowledged notification must already be durable). Lifecycle
 * notifications carry `lifecycleEvent` and neither `changeType` nor `resource`. Nothing here is
 * normalised or constrained beyond that: a notification that fails an insert is lost.
 */
export const graphNotifications = pgTable(
  'graph_notifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    receivedAt: timestamptz('received_at').notNull().defaultNow(),
    subscriptionId: text('subscription_id').notNull(),
    mailbox: text('mailbox'),
    changeType: text('change_type'),
    lifecycleEvent: text('lifecycle_event'),
    resource: text('resource'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    processedAt: timestamptz('processed_at'),
  },
  (table) => [
    index('graph_notifications_unprocessed_idx')
      .on(table.receivedAt)
      .where(sql`${table.processedAt} is null`),
  ],
);

export const jobStates = ['pending', 'active', 'done', 'dead'] as const;
export type JobState = (typeof jobStates)[number];

/**
 * The job queue (server/src/jobs/): one row per unit of work, claimed with FOR UPDATE SKIP LOCKED by
 * any server instance. A (queue, key) has at most one open row: sending while it is pending merges
 * into it (coalescing), sending while it runs parks the data in `next_data` and the row runs again
 * when the current run ends. A key has at most one active row across all queues, so work for one room
 * is serialized. `lease_id` identifies the current claim; a claim whose `locked_until` passed belongs
 * to a stopped worker and is retried. Recurring rows (`repeat_every_ms`) go back to pending instead of
 * done, which makes a schedule run once per cluster without any extra coordination.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    queue: text('queue').notNull(),
    /** Coalescing and serialization key, e.g. the room mailbox. */
    key: text('key').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    /** Data of sends that arrived while the row was active; the next run gets it. */
    nextData: jsonb('next_data').$type<Record<string, unknown>>(),
    state: text('state').$type<JobState>().notNull().default('pending'),
    runAt: timestamptz('run_at').notNull().defaultNow(),
    /** Claims so far in the current series of retries (a successful run resets it). */
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull(),
    repeatEveryMs: integer('repeat_every_ms'),
    leaseId: uuid('lease_id'),
    lockedUntil: timestamptz('locked_until'),
    lastError: text('last_error'),
    /** What the current run reported of its progress (e.g. a first sync's bookings found and synced); reset at each claim. */
    progress: jsonb('progress').$type<Record<string, unknown>>(),
    startedAt: timestamptz('started_at'),
    finishedAt: timestamptz('finished_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    check('jobs_state_valid', isOneOf(table.state, jobStates)),
    check('jobs_max_attempts_positive', sql`${table.maxAttempts} >= 1`),
    check('jobs_repeat_every_positive', sql`${table.repeatEveryMs} is null or ${table.repeatEveryMs} > 0`),
    uniqueIndex('jobs_open_queue_key_unique')
      .on(table.queue, table.key)
      .where(sql`${table.state} in ('pending', 'active')`),
    uniqueIndex('jobs_active_key_unique')
      .on(table.key)
      .where(sql`${table.state} = 'active'`),
    index('jobs_due_idx')
      .on(table.queue, table.runAt, table.id)
      .where(sql`${table.state} = 'pending'`),
    index('jobs_lease_idx')
      .on(table.lockedUntil)
      .where(sql`${table.state} = 'active'`),
    index('jobs_finished_idx')
      .on(table.finishedAt)
      .where(sql`${table.state} in ('done', 'dead')`),
  ],
);

export type RoomRow = typeof rooms.$inferSelect;
export type NewRoomRow = typeof rooms.$inferInsert;
export type SubscriptionRow = typeof subscriptions.$inferSelect;
export type NewSubscriptionRow = typeof subscriptions.$inferInsert;
export type DeltaCursorRow = typeof deltaCursors.$inferSelect;
export type NewDeltaCursorRow = typeof deltaCursors.$inferInsert;
export type BookingLinkRow = typeof bookingLinks.$inferSelect;
export type NewBookingLinkRow = typeof bookingLinks.$inferInsert;
export type BookingIntentRow = typeof bookingIntents.$inferSelect;
export type NewBookingIntentRow = typeof bookingIntents.$inferInsert;
export type SyncLogRow = typeof syncLog.$inferSelect;
export type NewSyncLogRow = typeof syncLog.$inferInsert;
export type FailedItemRow = typeof failedItems.$inferSelect;
export type NewFailedItemRow = typeof failedItems.$inferInsert;
export type GraphNotificationRow = typeof graphNotifications.$inferSelect;
export type NewGraphNotificationRow = typeof graphNotifications.$inferInsert;
export type ChangeLatencyRow = typeof changeLatencies.$inferSelect;
export type JobRow = typeof jobs.$inferSelect;
export type NewJobRow = typeof jobs.$inferInsert;
