import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { AreaQuery, AssetQuery, BuildingQuery, CatalogItemQuery, FloorQuery } from '../contract/locations.js';
import { Id } from '../contract/primitives.js';
import { EmulatorError } from '../domain/emulator-error.js';
import type { EmulatorContext } from '../emulator-context.js';
import { paginate } from '../http/paginate.js';
import { parseInput } from '../http/parse-input.js';

export const locationRoutes: FastifyPluginAsync<{ context: EmulatorContext }> = async (app, { context }) => {
  const values = <T>(map: Map<string, T>) => [...map.values()];

  app.get('/buildings', async (request) => {
    const query = parseInput(BuildingQuery, request.query, 'query');
    return paginate(values(context.state().buildings), query);
  });

  app.get('/floors', async (request) => {
    const query = parseInput(FloorQuery, request.query, 'query');
    const floors = values(context.state().floors).filter(
      (floor) => !query.buildingId || floor.buildingId === query.buildingId,
    );
    return paginate(floors, query);
  });

  app.get('/areas', async (request) => {
    const query = parseInput(AreaQuery, request.query, 'query');
    const areas = values(context.state().areas).filter(
      (area) =>
        (!query.type || area.type === query.type) &&
        (!query.buildingId || area.buildingId === query.buildingId) &&
        (!query.floorId || area.floorId === query.floorId),
    );
    return paginate(areas, query);
  });

  app.get('/areas/:areaId', async (request) => {
    const { areaId } = parseInput(z.object({ areaId: Id }), request.params, 'path');
    const area = context.state().areas.get(areaId);
    if (!area) throw new EmulatorError('NOT_FOUND', `Unknown area '${areaId}'`);
    return area;
  });

  app.get('/assets', async (request) => {
    const query = parseInput(AssetQuery, request.query, 'query');
    const assets = values(context.state().assets).filter(
      (asset) => !query.buildingId || asset.buildingId === query.buildingId,
    );
    return paginate(assets, query);
  });

  app.get('/catalog-items', async (request) => {
    const query = parseInput(CatalogItemQuery, request.query, 'query');
    return paginate(values(context.state().catalogItems), query);
  });
};
