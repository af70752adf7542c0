import { describe, expect, test } from 'vitest';
import type { RoomAvailability } from '@workplace-sync/shared';
import {
  buildingOfOfficeLocation,
  readUsualPlace,
  rememberUsualPlace,
  sortForUser,
  usualPlaceOf,
} from '../../../addin/src/booking/usual-place.js';

const memoryStorage = () => {
  const values = new Map<string, string>();
  return {
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
  };
};

describe('the usual place: the building and room the user picked last', () => {
  test('is remembered and read back', () => {
    const storage = memoryStorage();
    expect(readUsualPlace(storage)).toBeNull();
    rememberUsualPlace({ id: 'hudson', buildingId: 'b-nyc' }, storage);
    expect(readUsualPlace(storage)).toEqual({ buildingId: 'b-nyc', roomId: 'hudson' });
  });

  test('storage that is refused, missing or holds something else means no usual place, without failing', () => {
    const refusing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(() => rememberUsualPlace({ id: 'hudson', buildingId: 'b-nyc' }, refusing)).not.toThrow();
    expect(readUsualPlace(refusing)).toBeNull();
    expect(readUsualPlace(null)).toBeNull();
    const storage = memoryStorage();
    for (const stored of ['{not json', '"b-nyc"', '{"buildingId":3,"roomId":"x"}']) {
      storage.setItem('workplace-rooms:usual-place', stored);
      expect(readUsualPlace(storage)).toBeNull();
    }
  });
});

describe('sortForUser', () => {
  const building: Record<string, string> = { a: 'bru', b: 'nyc', c: 'nyc', d: 'bru', e: 'nyc', f: 'bru', g: 'bru' };
  const entry = (roomId: string, summary: RoomAvailability['summary']) => ({ roomId, summary });
  // In the server's order, shuffled on purpose: the pane's order must not depend on it.
  const answer = [
    entry('f', 'unavailable'),
    entry('e', 'partly-free'),
    entry('a', 'free'),
    entry('d', 'partly-free'),
    entry('c', 'needs-approval'),
    entry('g', 'free'),
    entry('b', 'free'),
  ];
  const cases: Array<[string, { buildingId: string; roomId: string } | null, string[]]> = [
    ['no usual place: free, approval, partly free, unavailable', null, ['a', 'g', 'b', 'c', 'e', 'd', 'f']],
    [
      'the usual building first within each availability',
      { buildingId: 'nyc', roomId: 'x' },
      ['b', 'a', 'g', 'c', 'e', 'd', 'f'],
    ],
    [
      'the usual room before the rest of its building',
      { buildingId: 'bru', roomId: 'g' },
      ['g', 'a', 'b', 'c', 'd', 'e', 'f'],
    ],
    [
      'a usual room that is taken stays with the taken rooms',
      { buildingId: 'bru', roomId: 'f' },
      ['a', 'g', 'b', 'c', 'd', 'e', 'f'],
    ],
  ];
  test.each(cases)('%s', (_name, usual, expected) => {
    expect(sortForUser(answer, (roomId) => building[roomId], usual).map((room) => room.roomId)).toEqual(expected);
  });
});

describe("the usual building before any pick: the user's office location in the directory", () => {
  const buildings = [
    { id: 'b-bru', name: 'Brussels HQ' },
    { id: 'b-nyc', name: 'New York Office' },
    { id: 'b-lge', name: 'Liège Guillemins' },
  ];
  const cases: Array<[string | null, string | null]> = [
    ['New York', 'b-nyc'],
    ['new york office, 10th floor', 'b-nyc'],
    ['BRUSSELS', 'b-bru'],
    ['Liege', 'b-lge'],
    ['  liège – guillemins ', 'b-lge'],
    ['York', 'b-nyc'],
    ['Yorkshire', null],
    ['18/2111', null],
    ['', null],
    [null, null],
  ];
  test.each(cases)('%j names %j', (officeLocation, buildingId) => {
    expect(buildingOfOfficeLocation(officeLocation, buildings)).toBe(buildingId);
  });

  test('a text that names more than one building picks none', () => {
    expect(buildingOfOfficeLocation('Brussels HQ or New York Office', buildings)).toBeNull();
  });

  test('the remembered place wins; without one, the office building, with no usual room', () => {
    const remembered = { buildingId: 'b-bru', roomId: 'meuse' };
    expect(usualPlaceOf(remembered, 'New York', buildings)).toEqual(remembered);
    expect(usualPlaceOf(null, 'New York', buildings)).toEqual({ buildingId: 'b-nyc', roomId: null });
    expect(usualPlaceOf(null, 'Paris', buildings)).toBeNull();
  });
});
