import { z } from 'zod';
import { MAX_PROGRESS_ROOMS } from './limits.js';

// The admin console's API (`/admin/api/*`): zod schemas shared by the server's routes (validation,
// OpenAPI) and the console's client, which imports only the types.

const Instant = z.iso.datetime({ offset: true });
const Mailbox = z.email().max(320);
const AreaId = z.string().min(1).max(200);

export const AdminUserSchema = z.object({ email: z.string(), name: z.string().nullable() });
export type AdminUser = z.infer<typeof AdminUserSchema>;

/**
 * How the console gets a token for `/admin/api/*`. `embedded`: the embedded default mints one for the
 * demo admin from the Graph emulator's issuer. `msal`: Entra sign-in (redirect) with the add-in API's
 * app registration, the same scope as the add-in.
 */
export const ConsoleConfigSchema = z.object({
  auth: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('embedded'), tokenPath: z.string().startsWith('/'), user: z.string() }),
    z.object({
      kind: z.literal('msal'),
      clientId: z.string().min(1),
      authority: z.url(),
      scopes: z.array(z.string().min(1)).min(1),
    }),
  ]),
});
export type ConsoleConfig = z.infer<typeof ConsoleConfigSchema>;

// ── Room health ────────────────────────────────────────────────────────────────────────────────────

/** One mailbox setting that matters for the sync, as Exchange has it and as Workplace's rules for the area say. */
export const SettingCheckSchema = z.object({
  setting: z.enum(['subject', 'conflicts', 'booking-window', 'processing', 'approval']),
  label: z.string(),
  exchange: z.string().describe('The room mailbox’s value, or “unknown” when it cannot be observed'),
  workplace: z.string(),
  warning: z.string().nullable().describe('Set when the two disagree in a way that makes bookings diverge'),
});
export type SettingCheck = z.infer<typeof SettingCheckSchema>;

export const RoomHealthSchema = z.object({
  mailbox: z.string(),
  workplaceAreaId: z.string(),
  displayName: z.string(),
  isEnabled: z.boolean(),
  subscription: z
    .object({ id: z.string(), status: z.string(), expiresAt: z.string(), lastNotificationAt: z.string().nullable() })
    .nullable(),
  lastSyncedAt: z.string().nullable(),
  backlog: z.number().int(),
  failedJobs: z.number().int(),
  openFailedItems: z.number().int(),
  lastFailure: z.object({ at: z.string(), error: z.string() }).nullable(),
  calendarProcessing: z.object({
    rewritesSubjects: z.boolean().nullable(),
    observedAt: z.string().nullable(),
    warning: z.string().nullable(),
  }),
  settings: z.array(SettingCheckSchema),
});
export type RoomHealth = z.infer<typeof RoomHealthSchema>;
export const RoomHealthListSchema = z.object({ rooms: z.array(RoomHealthSchema) });
export type RoomHealthList = z.infer<typeof RoomHealthListSchema>;

// ── Room links ─────────────────────────────────────────────────────────────────────────────────────

export const WorkplaceAreaSideSchema = z.object({
  areaId: z.string(),
  name: z.string(),
  building: z.string(),
  /** The building's address and time zone in Workplace: where the area is (see isSameLocation). */
  buildingAddress: z.string().nullable(),
  timeZone: z.string().nullable(),
  capacity: z.number(),
  /** The mailbox Workplace's own master data names for the area, if any (a hint for bulk linking). */
  exchangeMailbox: z.string().nullable(),
  link: z.object({ mailbox: z.string(), isEnabled: z.boolean() }).nullable(),
});
export const ExchangeRoomSideSchema = z.object({
  mailbox: z.string(),
  displayName: z.string(),
  building: z.string().nullable(),
  /** The city of the room's postal address in Exchange (Graph places). */
  city: z.string().nullable(),
  capacity: z.number().nullable(),
  /** The area this room is linked to (enabled or not). */
  linkedAreaId: z.string().nullable(),
  isEnabled: z.boolean(),
});
export const RoomLinksSchema = z.object({
  areas: z.array(WorkplaceAreaSideSchema),
  exchangeRooms: z.array(ExchangeRoomSideSchema),
});
export type WorkplaceAreaSide = z.infer<typeof WorkplaceAreaSideSchema>;
export type ExchangeRoomSide = z.infer<typeof ExchangeRoomSideSchema>;
export type RoomLinks = z.infer<typeof RoomLinksSchema>;

export const LinkRequestSchema = z.object({ areaId: AreaId, mailbox: Mailbox });
export type LinkRequest = z.infer<typeof LinkRequestSchema>;

/** The first sync after linking (a full `room-resync`), as the job queue reports it. */
export const SyncProgressSchema = z.object({
  mailbox: z.string(),
  state: z.enum(['none', 'queued', 'running', 'finished', 'failed']),
  attempts: z.number().int(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
  /** Bookings the running or finished sync read (the room's calendar, then the area's reservations); null before it reads. */
  found: z.number().int().nullable(),
  /** How many of those it has applied. */
  synced: z.number().int().nullable(),
});
export type SyncProgress = z.infer<typeof SyncProgressSchema>;

export const SyncProgressRequestSchema = z.object({ mailboxes: z.array(Mailbox).min(1).max(MAX_PROGRESS_ROOMS) });
export type SyncProgressRequest = z.infer<typeof SyncProgressRequestSchema>;
export const SyncProgressListSchema = z.object({ rooms: z.array(SyncProgressSchema) });
export type SyncProgressList = z.infer<typeof SyncProgressListSchema>;

export const LinkResultSchema = z.object({
  areaId: z.string(),
  mailbox: z.string(),
  isEnabled: z.boolean(),
  progress: SyncProgressSchema,
});
export type LinkResult = z.infer<typeof LinkResultSchema>;

export const ProposalRequestSchema = z.object({
  by: z.array(z.enum(['email', 'name'])).min(1),
});
export const LinkProposalSchema = z.object({
  areaId: z.string(),
  areaName: z.string(),
  mailbox: z.string(),
  roomName: z.string(),
  matchedBy: z.enum(['email', 'name']),
});
export const LinkProposalsSchema = z.object({ proposals: z.array(LinkProposalSchema) });
export type LinkProposal = z.infer<typeof LinkProposalSchema>;
export type LinkProposals = z.infer<typeof LinkProposalsSchema>;

export const BulkLinkRequestSchema = z.object({ links: z.array(LinkRequestSchema).min(1).max(200) });
export const BulkLinkResultSchema = z.object({
  results: z.array(
    z.object({
      areaId: z.string(),
      mailbox: z.string(),
      outcome: z.enum(['linked', 'failed']),
      message: z.string().nullable(),
    }),
  ),
});
export type BulkLinkResult = z.infer<typeof BulkLinkResultSchema>;

// ── Sync log, drift, failed items ──────────────────────────────────────────────────────────────────

export const SYNC_LOG_ACTIONS = [
  'created',
  'updated',
  'cancelled',
  'declined',
  'linked',
  'conflict-resolved',
  'echo-ignored',
  'skipped',
  'quarantined',
] as const;

/** What the sync does to keep itself tidy (our own writes coming back, changes with nothing to do): hidden unless asked for. */
export const HOUSEKEEPING_ACTIONS = ['echo-ignored', 'skipped'] as const;

export const SyncLogQuerySchema = z.object({
  mailbox: z.string().max(320).optional(),
  /** Part of a room's name or mailbox ("1.02", "brussels"). */
  room: z.string().max(320).optional(),
  /** Show housekeeping entries (HOUSEKEEPING_ACTIONS) too; an `action` filter for one of them shows it anyway. */
  housekeeping: z.stringbool().default(false),
  organizer: z.string().max(320).optional(),
  action: z.enum(SYNC_LOG_ACTIONS).optional(),
  from: Instant.optional(),
  to: Instant.optional(),
  /** Entries older than this one (the previous page's `nextCursor`). */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type SyncLogQuery = z.input<typeof SyncLogQuerySchema>;

export const SyncLogEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  mailbox: z.string().nullable(),
  /** The room's name (its linked area's), when the mailbox is a known room. */
  roomName: z.string().nullable(),
  direction: z.string(),
  action: z.string(),
  reason: z.string(),
  reservationId: z.string().nullable(),
  eventId: z.string().nullable(),
  organizer: z.string().nullable(),
  subject: z.string().nullable(),
  /** The entry was written by a full resync (reconciliation): drift the normal path missed. */
  isDriftRepair: z.boolean(),
});
export const SyncLogPageSchema = z.object({
  entries: z.array(SyncLogEntrySchema),
  nextCursor: z.number().int().nullable(),
});
export type SyncLogEntry = z.infer<typeof SyncLogEntrySchema>;
export type SyncLogPage = z.infer<typeof SyncLogPageSchema>;

export const DriftReportSchema = z.object({
  rooms: z.array(
    z.object({
      mailbox: z.string(),
      repairs: z.number().int(),
      lastRepairAt: z.string(),
      lastReason: z.string(),
    }),
  ),
});
export type DriftReport = z.infer<typeof DriftReportSchema>;

export const FailedItemSchema = z.object({
  id: z.string(),
  kind: z.string(),
  key: z.string(),
  /** The technical error, as the failing side said it. */
  error: z.string(),
  /** The reason in plain words: what did not happen, why when it is known, what to do. */
  summary: z.string(),
  attempts: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** When it was closed (retried, dismissed, or synced after all); a new failure opens a new one. */
  retriedAt: z.string().nullable(),
  /** How it was closed; null while open. */
  resolution: z.enum(['retried', 'dismissed', 'synced']).nullable(),
  isRetryable: z.boolean(),
  /** A quarantined booking: the booking as an admin recognises it, and what was read (on demand). */
  booking: z
    .object({
      direction: z.enum(['exchange-to-workplace', 'workplace-to-exchange']),
      room: z.string().nullable(),
      /** The room's name (its linked area's), when the room is known. */
      roomName: z.string().nullable(),
      organizer: z.string().nullable(),
      subject: z.string().nullable(),
      /** Wall-clock start and its zone: `2030-03-04T10:00:00 Europe/Brussels`. */
      start: z.string().nullable(),
      reservationId: z.string().nullable(),
      eventId: z.string().nullable(),
    })
    .nullable(),
});
export const FailedItemsSchema = z.object({ items: z.array(FailedItemSchema) });
export const FailedItemCountSchema = z.object({ open: z.number().int() });
export type FailedItemCount = z.infer<typeof FailedItemCountSchema>;
export type FailedItem = z.infer<typeof FailedItemSchema>;
export type FailedItems = z.infer<typeof FailedItemsSchema>;

export const QueuedSchema = z.object({ queued: z.literal(true), mailbox: z.string().nullable() });

// ── EWS → Graph cutover ────────────────────────────────────────────────────────────────────────────

export const CutoverBookingSchema = z.object({
  id: z.string(),
  subject: z.string(),
  start: z.string(),
  end: z.string(),
  organizer: z.string(),
  isRecurring: z.boolean(),
});
export type CutoverBooking = z.infer<typeof CutoverBookingSchema>;

export const CutoverPlanSchema = z.object({
  areaId: z.string(),
  mailbox: z.string(),
  window: z.object({ start: z.string(), end: z.string() }),
  /** The same booking on both sides: recorded as a booking link, so the first sync leaves it be. */
  linked: z.array(
    z.object({
      exchange: CutoverBookingSchema,
      workplace: CutoverBookingSchema,
      matchedBy: z.enum(['iCalUId', 'time']),
    }),
  ),
  /** Only in Exchange: the first sync creates the Workplace reservation. */
  toWorkplace: z.array(CutoverBookingSchema),
  /** Only in Workplace: the first sync writes it into the room calendar. */
  toExchange: z.array(CutoverBookingSchema),
  leftAlone: z.array(
    z.object({ side: z.enum(['exchange', 'workplace']), booking: CutoverBookingSchema, reason: z.string() }),
  ),
});
export type CutoverPlan = z.infer<typeof CutoverPlanSchema>;

export const CutoverSwitchResultSchema = z.object({
  plan: CutoverPlanSchema,
  linksRecorded: z.number().int(),
  link: LinkResultSchema,
});
export type CutoverSwitchResult = z.infer<typeof CutoverSwitchResultSchema>;
