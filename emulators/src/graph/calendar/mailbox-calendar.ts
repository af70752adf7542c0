import type { ChangeKeySequence } from '../ids/graph-ids.js';
import { parseOccurrenceId } from '../ids/graph-ids.js';
import { occurrenceItem, occurrenceOn, seriesInstancesIn } from './series-expansion.js';
import type { StoredEvent } from './stored-event.js';

export type ChangeType = 'created' | 'updated' | 'deleted';

/** Who changed an item: a client request, or the mailbox's own processing (room booking attendant, meeting updates). */
export type ChangeCause = 'client' | 'processing';

export type CalendarChange = {
  mailboxId: string;
  eventId: string;
  eventType: StoredEvent['type'];
  seriesMasterId: string | null;
  changeType: ChangeType;
  changeKey: string;
  cause: ChangeCause;
};

/** What is left of a deleted item, for delta's `@removed` entries. */
export type Tombstone = { id: string; type: StoredEvent['type']; seriesMasterId: string | null; changeSeq: number };

export type NewEvent = Omit<StoredEvent, 'changeKey' | 'changeSeq' | 'createdAt' | 'lastModifiedAt'> & {
  createdAt?: Date;
};

/**
 * One mailbox's calendar. Every write goes through here so that it bumps the change key, the
 * mailbox's change sequence (delta) and reports a change (notifications).
 */
export class MailboxCalendar {
  private readonly events = new Map<string, StoredEvent>();
  private readonly tombstoneList: Tombstone[] = [];
  private sequence = 0;
  /** transactionId → event id, for idempotent POSTs. */
  readonly transactionIds = new Map<string, string>();

  constructor(
    readonly mailboxId: string,
    private readonly changeKeys: ChangeKeySequence,
    private readonly now: () => Date,
    private readonly report: (change: CalendarChange) => void,
  ) {}

  get changeSequence(): number {
    return this.sequence;
  }

  tombstonesSince(sequence: number): Tombstone[] {
    return this.tombstoneList.filter((tombstone) => tombstone.changeSeq > sequence);
  }

  /** Stored items: single instances, series masters and exceptions. */
  items(): StoredEvent[] {
    return [...this.events.values()];
  }

  get(id: string): StoredEvent | undefined {
    return this.events.get(id);
  }

  exceptionsOf(masterId: string): StoredEvent[] {
    return this.items().filter((item) => item.type === 'exception' && item.seriesMasterId === masterId);
  }

  /** A stored item, or an occurrence derived from its master (unless cancelled or replaced by an exception). */
  resolve(id: string): StoredEvent | undefined {
    const stored = this.events.get(id);
    if (stored) return stored;
    const parsed = parseOccurrenceId(id);
    if (!parsed) return undefined;
    const master = this.events.get(parsed.masterId);
    if (master?.type !== 'seriesMaster' || master.cancelledDates.includes(parsed.originalDate)) return undefined;
    const occurrence = occurrenceOn(master, parsed.originalDate);
    return occurrence ? occurrenceItem(master, occurrence) : undefined;
  }

  /** The copy of a meeting in this calendar: its single item or series master, and its exceptions. */
  findMeeting(meetingUid: string): { primary: StoredEvent | undefined; exceptions: StoredEvent[] } {
    const items = this.items().filter((item) => item.meetingUid === meetingUid);
    return {
      primary: items.find((item) => item.type !== 'exception'),
      exceptions: items.filter((item) => item.type === 'exception'),
    };
  }

  /** What a calendar view shows in [from, to): single items and expanded series, by start. */
  instancesIn(from: Date, to: Date): StoredEvent[] {
    const instances: StoredEvent[] = [];
    for (const item of this.events.values()) {
      if (item.type === 'singleInstance' && item.start < to && item.end > from) instances.push(item);
      if (item.type === 'seriesMaster')
        instances.push(...seriesInstancesIn(item, this.exceptionsOf(item.id), from, to));
    }
    return instances.sort((a, b) => a.start.getTime() - b.start.getTime() || a.id.localeCompare(b.id));
  }

  insert(draft: NewEvent, cause: ChangeCause): StoredEvent {
    const now = this.now();
    const event: StoredEvent = {
      ...draft,
      createdAt: draft.createdAt ?? now,
      lastModifiedAt: now,
      changeKey: this.changeKeys.next(),
      changeSeq: ++this.sequence,
    };
    this.events.set(event.id, event);
    this.reportChange(event, 'created', cause);
    return event;
  }

  /** Replaces fields of a stored item and bumps its change key (Graph changes it on every modification). */
  update(id: string, changes: Partial<StoredEvent>, cause: ChangeCause): StoredEvent {
    const current = this.events.get(id);
    if (!current) throw new Error(`No stored item ${id} in mailbox ${this.mailboxId}`);
    const event: StoredEvent = {
      ...current,
      ...changes,
      id: current.id,
      lastModifiedAt: this.now(),
      changeKey: this.changeKeys.next(),
      changeSeq: ++this.sequence,
    };
    this.events.set(id, event);
    this.reportChange(event, 'updated', cause);
    return event;
  }

  remove(id: string, cause: ChangeCause): StoredEvent | undefined {
    const current = this.events.get(id);
    if (!current) return undefined;
    this.events.delete(id);
    const changeSeq = ++this.sequence;
    this.tombstoneList.push({ id, type: current.type, seriesMasterId: current.seriesMasterId, changeSeq });
    for (const [transactionId, eventId] of this.transactionIds)
      if (eventId === id) this.transactionIds.delete(transactionId);
    this.reportChange(current, 'deleted', cause);
    return current;
  }

  private reportChange(event: StoredEvent, changeType: ChangeType, cause: ChangeCause): void {
    this.report({
      mailboxId: this.mailboxId,
      eventId: event.id,
      eventType: event.type,
      seriesMasterId: event.seriesMasterId,
      changeType,
      changeKey: event.changeKey,
      cause,
    });
  }
}
