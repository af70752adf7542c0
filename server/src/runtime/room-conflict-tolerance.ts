import type { GraphEmulatorControl } from '@workplace-sync/emulators';
import type { ConflictTolerancesOf, SeriesConflictTolerance } from '../addin/index.js';

/**
 * Room mailboxes' tolerance of conflicts in a series, where it is known. Graph exposes none of
 * Set-CalendarProcessing, so only the embedded default knows it (the Graph emulator's room settings); in
 * real mode it is unknown (an empty map), and the pane offers no per-date alternative rooms it cannot
 * vouch for. The emulator's mailbox list is read once per availability check, not once per room.
 */
export function roomConflictToleranceSource(
  graph: Pick<GraphEmulatorControl, 'mailboxes'> | null,
): ConflictTolerancesOf {
  return async (mailboxes) => {
    const tolerances = new Map<string, SeriesConflictTolerance>();
    if (!graph) return tolerances;
    const wanted = new Set(mailboxes.map((mailbox) => mailbox.toLowerCase()));
    for (const { email, bookingSettings } of graph.mailboxes()) {
      const mailbox = email.toLowerCase();
      if (!bookingSettings || !wanted.has(mailbox)) continue;
      tolerances.set(mailbox, {
        allowConflicts: bookingSettings.allowConflicts,
        maximumConflictInstances: bookingSettings.maximumConflictInstances,
        conflictPercentageAllowed: bookingSettings.conflictPercentageAllowed,
      });
    }
    return tolerances;
  };
}
