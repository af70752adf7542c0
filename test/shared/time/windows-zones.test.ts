import { describe, expect, test } from 'vitest';
import { findIana, WINDOWS_TO_IANA_MAP } from 'windows-iana';
import { ianaFromGraphZone, parseGraphZone, windowsFromIana } from '@workplace-sync/shared';
import { WINDOWS_DISPLAY_NAMES, windowsZoneOfDisplayName } from '../../../shared/src/time/windows-display-names.js';

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

  test.each(['tzone://Microsoft/Custom', 'Customized Time Zone', 'Customized Time Zone 1', 'customized time zone 12'])(
    '%s needs the mailbox zone as fallback, and is a typed error without one',
    (graphName) => {
      expect(() => ianaFromGraphZone(graphName)).toThrow(expect.objectContaining({ code: 'CUSTOM_TIME_ZONE' }));
      expect(ianaFromGraphZone(graphName, { customZoneFallback: 'Europe/Berlin' })).toBe('Europe/Berlin');
    },
  );

  test.each(['Mars Standard Time', 'Not/AZone', '', '(UTC+01:00) Atlantis', 'Customized Time Zone X'])(
    '%j is a typed error, never a silent UTC',
    (graphName) => {
      expect(() => ianaFromGraphZone(graphName)).toThrow(expect.objectContaining({ code: 'UNKNOWN_TIME_ZONE' }));
    },
  );

  test.each([
    ['(UTC+01:00) Brussels, Copenhagen, Madrid, Paris', 'Europe/Paris'],
    ['(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna', 'Europe/Berlin'],
    ['(UTC-05:00) Eastern Time (US & Canada)', 'America/New_York'],
    ['(UTC-08:00) Pacific Time (US & Canada)', 'America/Los_Angeles'],
    ['(UTC+05:30) Chennai, Kolkata, Mumbai, New Delhi', 'Asia/Calcutta'],
    ['(UTC) Coordinated Universal Time', 'UTC'],
    ['Coordinated Universal Time', 'UTC'],
    ['(UTC-11:00) Coordinated Universal Time-11', 'Etc/GMT+11'],
    // Windows XP's prefix, and the label alone: the label names the zone.
    ['(GMT+01:00) Brussels, Copenhagen, Madrid, Paris', 'Europe/Paris'],
    ['Brussels, Copenhagen, Madrid, Paris', 'Europe/Paris'],
    ['(UTC+13:00) Nuku\u2019alofa', 'Pacific/Tongatapu'],
  ])('display name %s → %s', (displayName, iana) => {
    expect(ianaFromGraphZone(displayName)).toBe(iana);
  });

  test('Windows ids are matched whatever their case', () => {
    expect(ianaFromGraphZone('romance standard time')).toBe('Europe/Paris');
    expect(ianaFromGraphZone('TURKS AND CAICOS STANDARD TIME')).toBe('America/Grand_Turk');
  });
});

describe('Windows display names', () => {
  // Two zones Windows keeps for old items have no CLDR mapping; their display names read as unknown.
  const retired = new Set(['Mid-Atlantic Standard Time', 'Kamchatka Standard Time']);

  test("every display name reads as its Windows zone, and as that zone's IANA zone", () => {
    for (const [windowsZone, displayName] of Object.entries(WINDOWS_DISPLAY_NAMES)) {
      expect(windowsZoneOfDisplayName(displayName)).toBe(windowsZone);
      const parsed = parseGraphZone(displayName);
      if (retired.has(windowsZone)) {
        expect(parsed).toEqual({ kind: 'unknown' });
        continue;
      }
      expect(parsed).toMatchObject({ kind: 'zone', windowsName: windowsZone });
      if (windowsZone !== 'UTC') expect(parsed).toMatchObject({ timeZone: findIana(windowsZone as never)[0] });
    }
  });

  test('every Windows zone that CLDR maps has a display name', () => {
    const windowsZones = new Set(WINDOWS_TO_IANA_MAP.map(({ windowsName }) => windowsName));
    expect([...windowsZones].filter((windowsZone) => !(windowsZone in WINDOWS_DISPLAY_NAMES))).toEqual([]);
  });
});

describe('parseGraphZone never throws', () => {
  test.each([
    ['Romance Standard Time', { kind: 'zone', timeZone: 'Europe/Paris', windowsName: 'Romance Standard Time' }],
    ['Europe/Brussels', { kind: 'zone', timeZone: 'Europe/Brussels', windowsName: null }],
    ['tzone://Microsoft/Utc', { kind: 'zone', timeZone: 'UTC', windowsName: 'UTC' }],
    ['tzone://Microsoft/Custom', { kind: 'custom' }],
    ['Customized Time Zone 3', { kind: 'custom' }],
    ['Mars Standard Time', { kind: 'unknown' }],
    ['', { kind: 'unknown' }],
  ])('%j', (name, expected) => {
    expect(parseGraphZone(name)).toEqual(expected);
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
