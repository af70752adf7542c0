import { ChangeKeySequence } from '../ids/graph-ids.js';
import type { SeededRandom } from '../random/seeded-random.js';
import { MailboxCalendar } from './mailbox-calendar.js';
import type { CalendarChange } from './mailbox-calendar.js';

/** Every mailbox's calendar, and one feed of their changes (notifications listen to it). */
export class CalendarStore {
  private readonly calendars = new Map<string, MailboxCalendar>();
  private readonly listeners = new Set<(change: CalendarChange) => void>();

  constructor(
    private readonly now: () => Date,
    private readonly random: SeededRandom,
  ) {}

  calendarOf(mailboxId: string): MailboxCalendar {
    let calendar = this.calendars.get(mailboxId);
    if (!calendar) {
      calendar = new MailboxCalendar(mailboxId, new ChangeKeySequence(this.random.bytes(16)), this.now, (change) =>
        this.listeners.forEach((listener) => listener(change)),
      );
      this.calendars.set(mailboxId, calendar);
    }
    return calendar;
  }

  all(): MailboxCalendar[] {
    return [...this.calendars.values()];
  }

  onChange(listener: (change: CalendarChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  clear(): void {
    this.calendars.clear();
  }
}
