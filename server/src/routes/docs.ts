import swaggerUi from '@fastify/swagger-ui';
import type { FastifyPluginAsync } from 'fastify';

/**
 * `GET /docs`: Swagger UI for the OpenAPI document (plugins/openapi.ts), served from the package
 * itself (no CDN, so it works offline), and the document as JSON at `/docs/json`.
 */
export const docsRoutes: FastifyPluginAsync = async (app) => {
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    uiConfig: { deepLinking: true, validatorUrl: null },
    staticCSP: false,
  });
};
