import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { WorkplaceClient } from '../../../../server/src/adapters/workplace/workplace-client.js';
import { createDrizzleBookingIntentStore } from '../../../../server/src/holds/index.js';
import { errorHandler } from '../../../../server/src/plugins/error-handler.js';
import { addinApiRoutes } from '../../../../server/src/routes/addin-api/index.js';
import type { Database } from '../../../../server/src/storage/create-db.js';
import { createTestIssuer } from '../../../support/addin-api-server.js';

/**
 * The add-in API as the organizer's task pane calls it (its production routes and booking-intent store
 * on the sync's database, the Workplace emulator behind them), with tokens from a local issuer: what a
 * user does in the pane — pick a room (a hold), report the room's decline — next to the sync.
 */
export async function startOrganizerPane(database: Database, workplace: WorkplaceClient, now: () => Date) {
  const issuer = await createTestIssuer(now);
  const app = Fastify({ logger: false });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(errorHandler);
  await app.register(addinApiRoutes, {
    workplace,
    intents: createDrizzleBookingIntentStore(database.db),
    verifyToken: issuer.verifyToken,
    now,
  });
  await app.ready();
  return {
    /** An API call as `user`; the answer's status and JSON body. */
    async call(method: 'POST' | 'DELETE', url: string, user: string, body?: object) {
      const response = await app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${await issuer.sign({ preferred_username: user })}` },
        ...(body ? { payload: body } : {}),
      });
      return { status: response.statusCode, body: response.body ? (response.json() as Record<string, unknown>) : {} };
    },
    close: () => app.close(),
  };
}
