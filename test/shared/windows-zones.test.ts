import { describe, expect, test } from 'vitest';
import { ianaFromGraphZone, windowsFromIana } from '@workplace-sync/shared';

describe('ianaFromGraphZone', () => {
  test.each([
    ['W. Europe Standard Time', 'Europe/Berlin'],
    ['Pacific Standard Time', 'America/Los_Angeles'],
    ['Eastern Standard Time', 'America/New_York'],
    ['India Standard Time', 'Asia/Calcutta'],
    ['AUS Eastern Standard Time', 'Australia/Sydney'],
    ['UTC', 'UTC'],
    ['utc', 'UTC'],
    ['Etc/UTC', 'UTC'],
    ['tzone://Microsoft/Utc', 'UTC'],
    // Graph also accepts and echoes IANA names.
    ['Europe/Amsterdam', 'Europe/Amsterdam'],
    ['America/New_York', 'America/New_York'],
  ])('%s → %s', (graphName, iana) => {
    expect(ianaFromGraphZone(graphName)).toBe(iana);
  });

  test.each(['tzone://Microsoft/Custom', 'Customized Time Zone'])(
    '%s needs the mailbox zone as fallback, and is a typed error without one',
    (graphName) => {
      expect(() => ianaFromGraphZone(graphName)).toThrow(expect.objectContaining({ code: 'CUSTOM_TIME_ZONE' }));
      expect(ianaFromGraphZone(graphName, { customZoneFallback: 'Europe/Berlin' })).toBe('Europe/Berlin');
    },
  );

  test.each(['Mars Standard Time', 'Not/AZone', ''])('%j is a typed error, never a silent UTC', (graphName) => {
    expect(() => ianaFromGraphZone(graphName)).toThrow(expect.objectContaining({ code: 'UNKNOWN_TIME_ZONE' }));
  });
});

describe('windowsFromIana', () => {
  test.each([
    ['Europe/Berlin', 'W. Europe Standard Time'],
    ['America/New_York', 'Eastern Standard Time'],
    ['America/Los_Angeles', 'Pacific Standard Time'],
    ['Australia/Sydney', 'AUS Eastern Standard Time'],
    ['UTC', 'UTC'],
  ])('%s → %s', (iana, windowsName) => {
    expect(windowsFromIana(iana)).toBe(windowsName);
  });

  test('round-trips to an equivalent IANA zone', () => {
    for (const zone of ['Europe/Berlin', 'America/Los_Angeles', 'Asia/Tokyo', 'Australia/Sydney']) {
      expect(ianaFromGraphZone(windowsFromIana(zone))).toBe(zone);
    }
  });
});
