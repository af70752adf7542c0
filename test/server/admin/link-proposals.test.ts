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
