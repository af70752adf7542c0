import type { SettingCheck } from '@workplace-sync/shared';

/** A room mailbox's calendar processing (Exchange `Get-CalendarProcessing`), as far as it is known. */
export type ExchangeRoomSettings = {
  automateProcessing: 'AutoAccept' | 'AutoUpdate' | 'None';
  allowConflicts: boolean;
  bookingWindowInDays: number;
  deleteSubject: boolean;
  addOrganizerToSubject: boolean;
};

/** Workplace's rules for the area (GET /api/v1/areas). */
export type AreaRules = { bookingWindowDays: number; approvalRequired: boolean };

const UNKNOWN = 'unknown (Graph does not expose Set-CalendarProcessing)';

/**
 * The mailbox settings that make the two calendars diverge, side by side with Workplace's rules for the
 * area. Graph exposes none of Set-CalendarProcessing; what the sync observed (subject rewriting on room
 * copies) is used when the settings themselves are not known, and a setting neither known nor observed
 * is shown as unknown without a warning.
 */
export function checkRoomSettings({
  exchange,
  observedRewritesSubjects,
  area,
}: {
  exchange: ExchangeRoomSettings | null;
  observedRewritesSubjects: boolean | null;
  area: AreaRules | null;
}): SettingCheck[] {
  const workplaceRule = (text: (rules: AreaRules) => string) => (area ? text(area) : 'area not found in Workplace');
  // DeleteSubject and AddOrganizerToSubject apply only with AutoAccept (Set-CalendarProcessing).
  const rewrites = exchange
    ? exchange.automateProcessing === 'AutoAccept' && exchange.deleteSubject
    : observedRewritesSubjects;
  const checks: SettingCheck[] = [
    {
      setting: 'subject',
      label: 'Meeting subjects',
      exchange:
        rewrites === null
          ? 'not observed yet'
          : rewrites
            ? exchange?.addOrganizerToSubject === false
              ? 'deleted (DeleteSubject)'
              : 'replaced by the organizer (DeleteSubject, AddOrganizerToSubject)'
            : 'kept',
      workplace: 'kept',
      warning: rewrites
        ? 'The room replaces meeting subjects: Workplace cannot learn them. Run Set-CalendarProcessing -DeleteSubject $false -AddOrganizerToSubject $false'
        : null,
    },
    {
      setting: 'conflicts',
      label: 'Double booking',
      exchange: exchange ? (exchange.allowConflicts ? 'allowed (AllowConflicts)' : 'declined') : UNKNOWN,
      workplace: 'refused (no double booking of an area)',
      warning: exchange?.allowConflicts
        ? 'Exchange accepts conflicting meetings that Workplace refuses: run Set-CalendarProcessing -AllowConflicts $false'
        : null,
    },
    {
      setting: 'booking-window',
      label: 'Booking window',
      exchange: exchange ? `${exchange.bookingWindowInDays} days (BookingWindowInDays)` : UNKNOWN,
      workplace: workplaceRule((rules) => `${rules.bookingWindowDays} days`),
      warning:
        exchange && area && exchange.bookingWindowInDays !== area.bookingWindowDays
          ? `Exchange books ${exchange.bookingWindowInDays} days ahead, Workplace ${area.bookingWindowDays}: a booking between the two is declined on one side. Align them (Set-CalendarProcessing -BookingWindowInDays ${area.bookingWindowDays})`
          : null,
    },
    {
      setting: 'processing',
      label: 'Automatic processing',
      exchange: exchange ? exchange.automateProcessing : UNKNOWN,
      workplace: 'confirms at once',
      warning:
        exchange && exchange.automateProcessing !== 'AutoAccept'
          ? `With ${exchange.automateProcessing} the room does not accept meetings itself: they stay tentative in Exchange. Run Set-CalendarProcessing -AutomateProcessing AutoAccept`
          : null,
    },
    {
      setting: 'approval',
      label: 'Approval',
      exchange: exchange
        ? exchange.automateProcessing === 'AutoAccept'
          ? 'none (accepts automatically)'
          : 'by a delegate'
        : UNKNOWN,
      workplace: workplaceRule((rules) => (rules.approvalRequired ? 'required' : 'none')),
      // With AutoAccept the sync shows the room tentative until Workplace approves (docs/sync-engine.md).
      warning:
        area?.approvalRequired && exchange && exchange.automateProcessing !== 'AutoAccept'
          ? 'Workplace approves this area and Exchange waits for a delegate too: two approvals. Use AutoAccept; the sync shows the room tentative in Outlook until Workplace approves'
          : null,
    },
  ];
  return checks;
}
