import { describe, expect, test } from 'vitest';
import { proposeRoomLinks } from '../../../server/src/admin/link-proposals.js';

describe('proposeRoomLinks', () => {
  const areas = [
    { areaId: 'a-1', name: 'Board Room', exchangeMailbox: null, isLinked: false },
    { areaId: 'a-2', name: 'Atrium', exchangeMailbox: 'ROOM-ATRIUM@contoso.com', isLinked: false },
    { areaId: 'a-3', name: 'Focus', exchangeMailbox: null, isLinked: false },
    { areaId: 'a-4', name: 'Focus', exchangeMailbox: null, isLinked: false },
    { areaId: 'a-5', name: 'Linked', exchangeMailbox: 'room-linked@contoso.com', isLinked: true },
  ];
  const rooms = [
    { mailbox: 'room-atrium@contoso.com', displayName: 'Board room', isLinked: false },
    { mailbox: 'room-board@contoso.com', displayName: 'board-room', isLinked: false },
    { mailbox: 'room-focus@contoso.com', displayName: 'Focus', isLinked: false },
    { mailbox: 'room-linked@contoso.com', displayName: 'Linked', isLinked: true },
  ];

  test('email first, then a unique normalised name; each area and room at most once; linked ones never', () => {
    expect(proposeRoomLinks(areas, rooms, ['email', 'name'])).toEqual([
      {
        areaId: 'a-2',
        areaName: 'Atrium',
        mailbox: 'room-atrium@contoso.com',
        roomName: 'Board room',
        matchedBy: 'email',
      },
      {
        areaId: 'a-1',
        areaName: 'Board Room',
        mailbox: 'room-board@contoso.com',
        roomName: 'board-room',
        matchedBy: 'name',
      },
    ]);
  });

  test('only the asked kinds of match', () => {
    expect(proposeRoomLinks(areas, rooms, ['name']).map((p) => p.areaId)).toEqual([]);
    expect(proposeRoomLinks(areas, rooms, ['email']).map((p) => p.areaId)).toEqual(['a-2']);
  });
});

describe('proposeRoomLinks: never across buildings', () => {
  const brussels = {
    building: 'Brussels HQ',
    buildingAddress: 'Rue de la Loi 1, 1000 Brussels',
    timeZone: 'Europe/Brussels',
  };
  const newYork = {
    building: 'New York Office',
    buildingAddress: '350 5th Ave, New York, NY 10118',
    timeZone: 'America/New_York',
  };

  test('a Brussels area whose Workplace data names a New York mailbox gets no proposal', () => {
    const proposals = proposeRoomLinks(
      [{ areaId: 'a-bru', name: 'Atrium', exchangeMailbox: 'room-ny@contoso.com', isLinked: false, ...brussels }],
      [
        {
          mailbox: 'room-ny@contoso.com',
          displayName: 'Atrium',
          isLinked: false,
          city: 'New York',
          building: 'New York Office',
        },
      ],
      ['email', 'name'],
    );
    expect(proposals).toEqual([]);
  });

  test('the same room name in two cities pairs each area with the room of its own city', () => {
    const proposals = proposeRoomLinks(
      [
        { areaId: 'a-bru', name: 'Room 1.01', exchangeMailbox: null, isLinked: false, ...brussels },
        { areaId: 'a-nyc', name: 'Room 1.01', exchangeMailbox: null, isLinked: false, ...newYork },
      ],
      [
        {
          mailbox: 'room-ny-101@contoso.com',
          displayName: 'Room 1.01',
          isLinked: false,
          city: 'New York',
          building: null,
        },
        {
          mailbox: 'room-bru-101@contoso.com',
          displayName: 'Room 1.01',
          isLinked: false,
          city: 'Bruxelles',
          building: 'Brussels HQ',
        },
      ],
      ['name'],
    );
    // A city the building's data does not name (Bruxelles, its French name) is no match either: a missing
    // proposal costs a manual link, a wrong one sends a room's bookings to another city.
    expect(proposals.map((p) => [p.areaId, p.mailbox])).toEqual([['a-nyc', 'room-ny-101@contoso.com']]);
  });

  test('a room Exchange knows nothing about cannot contradict, and the building name decides without a city', () => {
    const proposals = proposeRoomLinks(
      [
        { areaId: 'a-bru', name: 'Atrium', exchangeMailbox: 'room-atrium@contoso.com', isLinked: false, ...brussels },
        { areaId: 'a-nyc', name: 'Loft', exchangeMailbox: 'room-loft@contoso.com', isLinked: false, ...newYork },
      ],
      [
        { mailbox: 'room-atrium@contoso.com', displayName: 'Atrium', isLinked: false, city: null, building: null },
        { mailbox: 'room-loft@contoso.com', displayName: 'Loft', isLinked: false, city: null, building: 'Brussels HQ' },
      ],
      ['email'],
    );
    expect(proposals.map((p) => p.areaId)).toEqual(['a-bru']);
  });
});
