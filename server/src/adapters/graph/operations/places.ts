import { GraphRoom, GraphRoomList } from '../schemas/graph-place.js';
import type { GraphHttp } from '../transport/graph-http.js';
import { readAllItems } from '../transport/paging.js';

export type PlaceRoom = {
  /** The room mailbox: the key to use (place ids are not guaranteed stable). */
  email: string;
  displayName: string;
  capacity: number | null;
  building: string | null;
  /** The city of the room's postal address. */
  city: string | null;
  floorNumber: number | null;
  floorLabel: string | null;
  /** Audio, video and display device names. */
  equipment: string[];
  tags: string[];
  bookingType: string | null;
  isWheelChairAccessible: boolean | null;
};

export type PlaceRoomList = { email: string; displayName: string };

export function fromGraphRoom(room: GraphRoom): PlaceRoom {
  const displayDevice = room.displayDeviceName ?? room.displayDevice;
  return {
    email: room.emailAddress,
    displayName: room.displayName ?? room.emailAddress,
    capacity: room.capacity ?? null,
    building: room.building ?? null,
    city: room.address?.city ?? null,
    floorNumber: room.floorNumber ?? null,
    floorLabel: room.floorLabel ?? null,
    equipment: [room.audioDeviceName, room.videoDeviceName, displayDevice].filter((name): name is string => !!name),
    tags: room.tags ?? [],
    bookingType: room.bookingType ?? null,
    isWheelChairAccessible: room.isWheelChairAccessible ?? room.isWheelchairAccessible ?? null,
  };
}

export function fromGraphRoomList(roomList: GraphRoomList): PlaceRoomList {
  return { email: roomList.emailAddress, displayName: roomList.displayName ?? roomList.emailAddress };
}

// Places need the application permission Place.Read.All. Rooms hidden from the address list are not
// returned, and new rooms appear only after directory sync.

/** Every room of the tenant (`/places/microsoft.graph.room`, paged). */
export async function listRooms(http: GraphHttp): Promise<PlaceRoom[]> {
  const rooms = await readAllItems(http, { method: 'GET', path: '/places/microsoft.graph.room' }, GraphRoom, 'room');
  return rooms.map(fromGraphRoom);
}

export async function listRoomLists(http: GraphHttp): Promise<PlaceRoomList[]> {
  const lists = await readAllItems(
    http,
    { method: 'GET', path: '/places/microsoft.graph.roomlist' },
    GraphRoomList,
    'room list',
  );
  return lists.map(fromGraphRoomList);
}

export async function listRoomsInRoomList(http: GraphHttp, roomListEmail: string): Promise<PlaceRoom[]> {
  const rooms = await readAllItems(
    http,
    { method: 'GET', path: `/places/${encodeURIComponent(roomListEmail)}/microsoft.graph.roomlist/rooms` },
    GraphRoom,
    'room',
  );
  return rooms.map(fromGraphRoom);
}
