import { ApiErrorBodySchema, addinApi } from '@workplace-sync/shared';
import type { AddinApiOperation } from '@workplace-sync/shared';
import { z } from 'zod';

type JsonSchema = Record<string, unknown> & { properties?: Record<string, JsonSchema>; required?: string[] };

const jsonSchemaOf = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
};

function parametersOf(schema: z.ZodType | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const object = jsonSchemaOf(schema, 'input');
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (object.required ?? []).includes(name),
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
    schema: property,
  }));
}

/**
 * OpenAPI 3.1 (JSON Schema 2020-12) for the add-in API, generated from the same zod schemas that
 * validate the routes: requests as they are sent (input), answers as they are written (output).
 */
export function buildAddinOpenApiDocument(serverUrl?: string) {
  const error = { content: { 'application/json': { schema: jsonSchemaOf(ApiErrorBodySchema, 'output') } } };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [operationId, entry] of Object.entries(addinApi)) {
    const operation: AddinApiOperation = entry;
    const path = operation.url.replace(/:(\w+)/g, '{$1}');
    paths[path] ??= {};
    paths[path][operation.method.toLowerCase()] = {
      operationId,
      summary: operation.summary,
      ...(operation.isAuthenticated ? { security: [{ addinToken: [] }] } : { security: [] }),
      parameters: [...parametersOf(operation.params, 'path'), ...parametersOf(operation.querystring, 'query')],
      ...(operation.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchemaOf(operation.body, 'input') } },
            },
          }
        : {}),
      responses: {
        [operation.success.status]: operation.success.body
          ? {
              description: 'OK',
              content: { 'application/json': { schema: jsonSchemaOf(operation.success.body, 'output') } },
            }
          : { description: 'Done' },
        ...(operation.isAuthenticated ? { 401: { description: 'No valid add-in token', ...error } } : {}),
        default: { description: 'Error', ...error },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Workplace rooms: add-in API',
      version: '1.0.0',
      description: 'What the Outlook task pane calls: rooms, availability, holds, reservations of a meeting.',
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    components: {
      securitySchemes: {
        addinToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'An Entra access token for this API (nested app authentication in Outlook), scope access_as_user',
        },
      },
    },
    paths,
  };
}
