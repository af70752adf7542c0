import { describe, expect, test } from 'vitest';
import { checkRoomSettings } from '../../../server/src/admin/room-settings-check.js';

describe('checkRoomSettings', () => {
  const exchange = {
    automateProcessing: 'AutoAccept' as const,
    allowConflicts: false,
    bookingWindowInDays: 180,
    deleteSubject: false,
    addOrganizerToSubject: false,
  };
  const warnings = (checks: ReturnType<typeof checkRoomSettings>) =>
    checks.filter((check) => check.warning).map((check) => check.setting);

  test('no warning when Exchange and Workplace agree', () => {
    expect(
      warnings(
        checkRoomSettings({
          exchange,
          observedRewritesSubjects: false,
          area: { bookingWindowDays: 180, approvalRequired: false },
        }),
      ),
    ).toEqual([]);
  });

  test('a warning for each setting that makes the calendars diverge', () => {
    const checks = checkRoomSettings({
      exchange: {
        ...exchange,
        allowConflicts: true,
        bookingWindowInDays: 30,
        deleteSubject: true,
        automateProcessing: 'AutoUpdate',
      },
      observedRewritesSubjects: null,
      area: { bookingWindowDays: 180, approvalRequired: false },
    });
    // AutoUpdate never rewrites subjects (DeleteSubject applies with AutoAccept only).
    expect(warnings(checks)).toEqual(['conflicts', 'booking-window', 'processing']);
  });

  test('an approval area: fine with AutoAccept (Outlook shows tentative until approved), two approvals with a delegate', () => {
    const area = { bookingWindowDays: 180, approvalRequired: true };
    expect(warnings(checkRoomSettings({ exchange, observedRewritesSubjects: null, area }))).toEqual([]);
    const delegated = { ...exchange, automateProcessing: 'AutoUpdate' as const };
    expect(warnings(checkRoomSettings({ exchange: delegated, observedRewritesSubjects: null, area }))).toEqual([
      'processing',
      'approval',
    ]);
  });

  test('unknown settings (real mode: Graph has no Set-CalendarProcessing) fall back to what the sync observed', () => {
    const checks = checkRoomSettings({
      exchange: null,
      observedRewritesSubjects: true,
      area: { bookingWindowDays: 90, approvalRequired: true },
    });
    expect(warnings(checks)).toEqual(['subject']);
    expect(checks.find((check) => check.setting === 'booking-window')?.exchange).toMatch(/^unknown/);
  });
});
