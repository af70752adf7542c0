import type { GraphEmulatorControl } from '@workplace-sync/emulators';
import type { ConflictToleranceOf } from '../addin/index.js';

/**
 * A room mailbox's tolerance of conflicts in a series, where it is known. Graph exposes none of
 * Set-CalendarProcessing, so only the embedded default knows it (the Graph emulator's room settings); in
 * real mode it is unknown (null), and the pane offers no per-date alternative rooms it cannot vouch for.
 */
export function roomConflictToleranceSource(
  graph: Pick<GraphEmulatorControl, 'mailboxes'> | null,
): ConflictToleranceOf {
  return async (mailbox) => {
    const settings = graph
      ?.mailboxes()
      .find((candidate) => candidate.email.toLowerCase() === mailbox.toLowerCase())?.bookingSettings;
    return settings
      ? {
          allowConflicts: settings.allowConflicts,
          maximumConflictInstances: settings.maximumConflictInstances,
          conflictPercentageAllowed: settings.conflictPercentageAllowed,
        }
      : null;
  };
}
