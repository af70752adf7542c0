import { describe, expect, test } from 'vitest';
import { mayPredateLink } from '../../../server/src/sync/stale-copy.js';
import { aBooking, aLink, aReservation, aRoomEvent } from '../../support/builders.js';

// The feed wrote a Workplace move into the room's calendar (changeKey ck-2 at 09:00); the link records it.
const written = aRoomEvent({
  changeKey: 'ck-2',
  lastModified: '2026-03-01T09:00:00Z',
  booking: aBooking({ subject: 'Moved at the kiosk' }),
});
const link = aLink(written, aReservation(), { graphModifiedAt: '2026-03-01T09:00:00Z' });
const older = aRoomEvent({ changeKey: 'ck-1', lastModified: '2026-03-01T08:00:00Z', booking: aBooking() });

describe('mayPredateLink', () => {
  test('a copy changed before the version the link records, with another changeKey, is read again', () => {
    expect(mayPredateLink(older, link)).toBe(true);
  });
  test('a tie is read again: one clock tick may hold two versions', () => {
    expect(mayPredateLink({ ...older, lastModified: '2026-03-01T09:00:00Z' }, link)).toBe(true);
  });
  test('a copy changed after the recorded version is an edit made since, taken as read', () => {
    expect(mayPredateLink({ ...older, lastModified: '2026-03-01T09:00:01Z' }, link)).toBe(false);
  });
  test('the recorded version itself, or a copy holding what the link holds, is taken as read', () => {
    expect(mayPredateLink(written, link)).toBe(false);
    expect(mayPredateLink({ ...written, changeKey: 'ck-3', lastModified: '2026-03-01T08:00:00Z' }, link)).toBe(false);
  });
  test('no link, a released one, or one made before the time was kept: nothing to compare with', () => {
    expect(mayPredateLink(older, null)).toBe(false);
    expect(mayPredateLink(older, { ...link, isCancelled: true })).toBe(false);
    expect(mayPredateLink(older, { ...link, graphModifiedAt: null })).toBe(false);
  });
});
