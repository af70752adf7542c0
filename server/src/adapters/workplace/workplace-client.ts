import type { z } from 'zod';
import { createWorkplaceHttp } from './workplace-http.js';
import type { WorkplaceHttpOptions, WorkplaceRequest } from './workplace-http.js';
import {
  pageSchemaOf,
  WorkplaceAreaSchema,
  WorkplaceAssetSchema,
  WorkplaceAvailabilitySchema,
  WorkplaceBuildingSchema,
  WorkplaceCatalogItemSchema,
  WorkplaceChangesPageSchema,
  WorkplaceFloorSchema,
  WorkplaceReservationSchema,
} from './workplace-schemas.js';
import type {
  WorkplaceOccurrencePatch,
  WorkplaceReservation,
  WorkplaceReservationInput,
  WorkplaceReservationPatch,
} from './workplace-schemas.js';

/** Every write names its Idempotency-Key: derive it from what is being written, so a retry repeats it. */
export type WriteOptions = { idempotencyKey: string };
/** Updates also name the version they are based on (If-Match); Workplace answers 412 when it is stale. */
export type ConditionalWriteOptions = WriteOptions & { ifMatch: number };

const encodeSegment = (value: string) => encodeURIComponent(value);
const occurrencePath = (id: string, originalStart: string | Date) =>
  `/api/v1/reservations/${encodeSegment(id)}/occurrences/${encodeSegment(new Date(originalStart).toISOString())}`;

export type WorkplaceClient = ReturnType<typeof createWorkplaceClient>;

/** The Workplace contract (DESIGN §6), one method per operation. */
export function createWorkplaceClient(options: WorkplaceHttpOptions & { pageSize?: number }) {
  const http = createWorkplaceHttp(options);
  const pageSize = options.pageSize ?? 200;

  async function listAll<Item extends z.ZodType>(
    path: string,
    item: Item,
    query: WorkplaceRequest['query'] = {},
  ): Promise<Array<z.infer<Item>>> {
    const items: Array<z.infer<Item>> = [];
    let cursor: string | undefined;
    do {
      const page = await http.send(
        { method: 'GET', path, query: { ...query, limit: pageSize, cursor } },
        pageSchemaOf(item),
      );
      items.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return items;
  }

  const reservation = (request: WorkplaceRequest): Promise<WorkplaceReservation> =>
    http.send(request, WorkplaceReservationSchema);

  return {
    listBuildings: () => listAll('/api/v1/buildings', WorkplaceBuildingSchema),
    listFloors: (query: { buildingId?: string } = {}) => listAll('/api/v1/floors', WorkplaceFloorSchema, query),
    listAreas: (query: { type?: string; buildingId?: string; floorId?: string } = {}) =>
      listAll('/api/v1/areas', WorkplaceAreaSchema, query),
    getArea: (id: string) =>
      http.send({ method: 'GET', path: `/api/v1/areas/${encodeSegment(id)}` }, WorkplaceAreaSchema),
    listAssets: (query: { buildingId?: string } = {}) => listAll('/api/v1/assets', WorkplaceAssetSchema, query),
    listCatalogItems: () => listAll('/api/v1/catalog-items', WorkplaceCatalogItemSchema),

    listReservations: (query: { from?: Date; to?: Date; areaId?: string } = {}) =>
      listAll('/api/v1/reservations', WorkplaceReservationSchema, {
        from: query.from?.toISOString(),
        to: query.to?.toISOString(),
        areaId: query.areaId,
      }),
    getReservation: (id: string) => reservation({ method: 'GET', path: `/api/v1/reservations/${encodeSegment(id)}` }),

    createReservation: (input: WorkplaceReservationInput, { idempotencyKey }: WriteOptions) =>
      reservation({ method: 'POST', path: '/api/v1/reservations', body: input, idempotencyKey }),
    updateReservation: (
      id: string,
      patch: WorkplaceReservationPatch,
      { idempotencyKey, ifMatch }: ConditionalWriteOptions,
    ) =>
      reservation({
        method: 'PATCH',
        path: `/api/v1/reservations/${encodeSegment(id)}`,
        body: patch,
        idempotencyKey,
        ifMatch,
      }),
    cancelReservation: (id: string, { idempotencyKey, ifMatch }: WriteOptions & { ifMatch?: number }) =>
      reservation({
        method: 'POST',
        path: `/api/v1/reservations/${encodeSegment(id)}/cancel`,
        idempotencyKey,
        ifMatch,
      }),
    /**
     * Releases the occurrence running now (or the one named) before its end: ended early, or a no-show;
     * one room (`lineId`), or without it the whole occurrence.
     */
    releaseOccurrence: (
      id: string,
      body: { occurrenceStart?: string; lineId?: string; reason?: 'no-show' | 'ended-early'; comment?: string },
      { idempotencyKey }: WriteOptions,
    ) =>
      reservation({ method: 'POST', path: `/api/v1/reservations/${encodeSegment(id)}/release`, body, idempotencyKey }),
    updateOccurrence: (
      id: string,
      originalStart: string | Date,
      patch: WorkplaceOccurrencePatch,
      { idempotencyKey, ifMatch }: ConditionalWriteOptions,
    ) =>
      reservation({ method: 'PATCH', path: occurrencePath(id, originalStart), body: patch, idempotencyKey, ifMatch }),
    cancelOccurrence: (
      id: string,
      originalStart: string | Date,
      { idempotencyKey, ifMatch }: WriteOptions & { ifMatch?: number },
    ) => reservation({ method: 'POST', path: `${occurrencePath(id, originalStart)}/cancel`, idempotencyKey, ifMatch }),

    getAvailability: ({ areaIds, from, to }: { areaIds: string[]; from: Date; to: Date }) =>
      http.send(
        {
          method: 'GET',
          path: '/api/v1/availability',
          query: { areaIds: areaIds.join(','), from: from.toISOString(), to: to.toISOString() },
        },
        WorkplaceAvailabilitySchema,
      ),
    /** One page of the change feed; see createWorkplaceChangeFeed for reading up to the head. */
    readChangesPage: ({ cursor, limit }: { cursor: string | null; limit?: number }) =>
      http.send(
        { method: 'GET', path: '/api/v1/changes', query: { cursor: cursor ?? undefined, limit } },
        WorkplaceChangesPageSchema,
      ),
  };
}
