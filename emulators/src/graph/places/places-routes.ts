import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { callerOf, READ_PLACES, requirePermission } from '../auth/graph-caller.js';
import type { Directory, Mailbox, RoomList } from '../directory/directory.js';
import { GraphError } from '../odata/graph-error.js';
import { readQueryOptions } from '../odata/query-options.js';
import { linkWith, serviceRootOf } from '../odata/service-root.js';

export type PlacesRoutesOptions = { directory: Directory };

const DEFAULT_PAGE_SIZE = 100;

/** A room as Places returns it, with the v1.0 CSDL names (the doc sample's isWheelchairAccessible/displayDevice are quirks). */
export function renderRoom(mailbox: Mailbox, directory: Directory) {
  const room = mailbox.room!;
  const roomList = directory
    .roomLists()
    .find((list) => list.roomEmails.some((email) => email.toLowerCase() === mailbox.email.toLowerCase()));
  return {
    id: room.placeId,
    placeId: room.placeId,
    parentId: roomList?.placeId ?? null,
    emailAddress: mailbox.email,
    displayName: mailbox.displayName,
    address: room.address,
    geoCoordinates: room.geoCoordinates,
    phone: room.phone,
    nickname: room.nickname,
    label: room.label,
    capacity: room.capacity,
    building: room.building,
    floorNumber: room.floorNumber,
    floorLabel: room.floorLabel,
    isWheelChairAccessible: room.isWheelChairAccessible,
    bookingType: room.bookingType,
    tags: room.tags,
    audioDeviceName: room.audioDeviceName,
    videoDeviceName: room.videoDeviceName,
    displayDeviceName: room.displayDeviceName,
  };
}

export function renderRoomList(list: RoomList) {
  return {
    id: list.placeId,
    placeId: list.placeId,
    displayName: list.displayName,
    address: list.address,
    geoCoordinates: list.geoCoordinates,
    phone: list.phone,
    emailAddress: list.email,
  };
}

/** /places: rooms and room lists of the tenant ([PLACE]); rooms hidden from the address list are left out. */
export const placesRoutes: FastifyPluginAsync<PlacesRoutesOptions> = async (app, { directory }) => {
  const visibleRooms = () => directory.rooms().filter((mailbox) => !mailbox.room!.isHiddenFromAddressList);

  function page<T>(request: FastifyRequest, items: T[], context: string) {
    const query = readQueryOptions(request.query as Record<string, string>);
    const size = query.top ?? DEFAULT_PAGE_SIZE;
    const body: Record<string, unknown> = {
      '@odata.context': `${serviceRootOf(request)}/$metadata#${context}`,
      value: items.slice(query.skip, query.skip + size),
    };
    if (query.skip + size < items.length)
      body['@odata.nextLink'] = linkWith(request, { $skip: String(query.skip + size) });
    return body;
  }

  app.addHook('preHandler', async (request) => requirePermission(callerOf(request), READ_PLACES));

  app.get('/places/microsoft.graph.room', async (request) =>
    page(
      request,
      visibleRooms().map((room) => renderRoom(room, directory)),
      'places/microsoft.graph.room',
    ),
  );

  app.get('/places/microsoft.graph.roomlist', async (request) =>
    page(request, directory.roomLists().map(renderRoomList), 'places/microsoft.graph.roomList'),
  );

  app.get('/places/:id/microsoft.graph.roomlist/rooms', async (request: FastifyRequest<{ Params: { id: string } }>) => {
    const list = directory.findRoomList(request.params.id);
    if (!list) throw new GraphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
    const rooms = visibleRooms().filter((room) =>
      list.roomEmails.some((email) => email.toLowerCase() === room.email.toLowerCase()),
    );
    return page(
      request,
      rooms.map((room) => renderRoom(room, directory)),
      `places('${encodeURIComponent(list.email)}')/microsoft.graph.roomList/rooms`,
    );
  });

  app.get('/places/:id', async (request: FastifyRequest<{ Params: { id: string } }>) => {
    const key = request.params.id.toLowerCase();
    const room = visibleRooms().find(
      (candidate) => candidate.email.toLowerCase() === key || candidate.room!.placeId.toLowerCase() === key,
    );
    if (room) {
      return {
        '@odata.context': `${serviceRootOf(request)}/$metadata#places/$entity`,
        '@odata.type': '#microsoft.graph.room',
        ...renderRoom(room, directory),
      };
    }
    const list = directory.findRoomList(request.params.id);
    if (list)
      return {
        '@odata.context': `${serviceRootOf(request)}/$metadata#places/$entity`,
        '@odata.type': '#microsoft.graph.roomList',
        ...renderRoomList(list),
      };
    throw new GraphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
  });
};
