import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { workplaceDemoSeed } from '../../../emulators/src/workplace/index.js';
import { createRoomCatalogue } from '../../../server/src/addin/index.js';
import { startWorkplace } from '../../support/workplace-harness.js';

// The room catalogue caches Workplace master data (buildings, floors, areas, assets, catalog items) for
// a minute: how stale it may be is what docs/addin.md promises admins, so it is pinned here.
const TTL_MS = 60_000;
const MASTER_DATA = ['/api/v1/buildings', '/api/v1/floors', '/api/v1/areas', '/api/v1/assets', '/api/v1/catalog-items'];

let workplace: Awaited<ReturnType<typeof startWorkplace>>;
beforeEach(async () => {
  workplace = await startWorkplace();
});
afterEach(async () => {
  await workplace.close();
});

const masterDataReads = () => workplace.exchanges.filter((exchange) => MASTER_DATA.includes(exchange.path)).length;

/** The demo tenant with Meuse taken out of service (no longer reservable) and a new room on its floor. */
function withMeuseClosedAndRoomAdded() {
  workplace.emulator.reset({
    ...workplaceDemoSeed,
    areas: [
      ...workplaceDemoSeed.areas.map((area) => (area.id === 'a-bru-1.02' ? { ...area, reservable: false } : area)),
      {
        ...workplaceDemoSeed.areas.find((area) => area.id === 'a-bru-1.02')!,
        id: 'a-bru-1.09',
        name: 'Dijle',
        exchangeMailbox: 'room-brussels-1.09@contoso.com',
      },
    ],
  });
}

describe('room catalogue', () => {
  test('master data is read once per minute, however many checks ask for it', async () => {
    const catalogue = createRoomCatalogue(workplace.client(), {
      ttlMs: TTL_MS,
      now: () => workplace.clock.now().getTime(),
    });
    await Promise.all([catalogue.load(), catalogue.load()]);
    await catalogue.load();
    workplace.clock.advance(TTL_MS);
    await catalogue.load();
    expect(masterDataReads()).toBe(MASTER_DATA.length);

    workplace.clock.advance(1);
    await catalogue.load();
    expect(masterDataReads()).toBe(2 * MASTER_DATA.length);
  });

  test('a room added or taken out of service in Workplace shows once the cached minute is over, not before', async () => {
    const catalogue = createRoomCatalogue(workplace.client(), {
      ttlMs: TTL_MS,
      now: () => workplace.clock.now().getTime(),
    });
    const roomIds = async () => (await catalogue.load()).rooms.map((room) => room.id);
    expect(await roomIds()).toContain('a-bru-1.02');

    withMeuseClosedAndRoomAdded();
    workplace.clock.advance(TTL_MS);
    // Within the minute: the catalogue still lists what Workplace had.
    expect(await roomIds()).toContain('a-bru-1.02');
    expect(await roomIds()).not.toContain('a-bru-1.09');

    workplace.clock.advance(1);
    const rooms = await roomIds();
    expect(rooms).not.toContain('a-bru-1.02');
    expect(rooms).toContain('a-bru-1.09');
    expect((await catalogue.load()).roomById.get('a-bru-1.09')).toMatchObject({
      name: 'Dijle',
      mailbox: 'room-brussels-1.09@contoso.com',
      timeZone: 'Europe/Brussels',
    });
  });

  test('a failed read is not cached: the next load asks Workplace again', async () => {
    let failing = true;
    const client = workplace.client();
    const catalogue = createRoomCatalogue(
      {
        ...client,
        listAreas: () => (failing ? Promise.reject(new Error('Workplace is down')) : client.listAreas()),
      },
      { ttlMs: TTL_MS, now: () => workplace.clock.now().getTime() },
    );
    await expect(catalogue.load()).rejects.toThrow('Workplace is down');
    failing = false;
    expect((await catalogue.load()).rooms.length).toBeGreaterThan(0);
  });
});
