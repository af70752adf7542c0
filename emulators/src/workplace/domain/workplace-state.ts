import type { Change } from '../contract/changes.js';
import type { Area, Asset, Building, CatalogItem, Floor } from '../contract/locations.js';
import type { Reservation } from '../contract/reservations.js';

/** Master data: what an administrator sets up in Workplace. */
export type WorkplaceSeed = {
  buildings: Building[];
  floors: Floor[];
  areas: Area[];
  assets: Asset[];
  catalogItems: CatalogItem[];
};

export type StoredResult = { fingerprint: string; status: number; body: unknown };

/** Everything the emulator knows, in memory. Mutated only by the reservation service and the control API. */
export type WorkplaceState = {
  buildings: Map<string, Building>;
  floors: Map<string, Floor>;
  areas: Map<string, Area>;
  assets: Map<string, Asset>;
  catalogItems: Map<string, CatalogItem>;
  reservations: Map<string, Reservation>;
  feed: {
    /** Changes with a cursor from another generation are unknown (410): reset and cursor expiry start a new one. */
    generation: number;
    entries: Change[];
  };
  idempotency: Map<string, StoredResult>;
  nextReservationNumber: number;
  nextLineNumber: number;
};

const byId = <T extends { id: string }>(items: T[]) => new Map(items.map((item) => [item.id, structuredClone(item)]));

export function createState(seed: WorkplaceSeed, generation = 1): WorkplaceState {
  return {
    buildings: byId(seed.buildings),
    floors: byId(seed.floors),
    areas: byId(seed.areas),
    assets: byId(seed.assets),
    catalogItems: byId(seed.catalogItems),
    reservations: new Map(),
    feed: { generation, entries: [] },
    idempotency: new Map(),
    nextReservationNumber: 1,
    nextLineNumber: 1,
  };
}

/** A deep copy of the whole state as plain JSON, for the control API and tests. */
export function snapshotOf(state: WorkplaceState) {
  return structuredClone({
    buildings: [...state.buildings.values()],
    floors: [...state.floors.values()],
    areas: [...state.areas.values()],
    assets: [...state.assets.values()],
    catalogItems: [...state.catalogItems.values()],
    reservations: [...state.reservations.values()],
    feed: state.feed,
    idempotencyKeys: state.idempotency.size,
  });
}
export type WorkplaceSnapshot = ReturnType<typeof snapshotOf>;
