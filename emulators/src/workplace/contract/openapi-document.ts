import { z } from 'zod';
import { Availability, AvailabilityQuery } from './availability.js';
import { ChangesPage, ChangesQuery, WebhookPayload } from './changes.js';
import { ERROR_STATUS, ErrorBody } from './errors.js';
import {
  Area,
  AreaQuery,
  Asset,
  AssetQuery,
  Building,
  BuildingQuery,
  CatalogItem,
  CatalogItemQuery,
  Floor,
  FloorQuery,
} from './locations.js';
import { Id, Instant, pageOf } from './primitives.js';
import {
  CancelRequest,
  OccurrencePatch,
  ReleaseRequest,
  Reservation,
  ReservationCreate,
  ReservationPatch,
  ReservationQuery,
} from './reservations.js';

// Every shape is defined once as a zod schema (the emulator parses with them) and turned into JSON
// Schema 2020-12 here, which is what OpenAPI 3.1 uses for its schema objects.

const responses = z.registry<{ id: string }>();
const requests = z.registry<{ id: string }>();
responses.add(ErrorBody, { id: 'Error' });
responses.add(Building, { id: 'Building' });
responses.add(Floor, { id: 'Floor' });
responses.add(Area, { id: 'Area' });
responses.add(Asset, { id: 'Asset' });
responses.add(CatalogItem, { id: 'CatalogItem' });
responses.add(Reservation, { id: 'Reservation' });
responses.add(Availability, { id: 'Availability' });
responses.add(ChangesPage, { id: 'ChangesPage' });
responses.add(WebhookPayload, { id: 'WebhookPayload' });
responses.add(pageOf(Building), { id: 'BuildingPage' });
responses.add(pageOf(Floor), { id: 'FloorPage' });
responses.add(pageOf(Area), { id: 'AreaPage' });
responses.add(pageOf(Asset), { id: 'AssetPage' });
responses.add(pageOf(CatalogItem), { id: 'CatalogItemPage' });
responses.add(pageOf(Reservation), { id: 'ReservationPage' });
requests.add(ReservationCreate, { id: 'ReservationCreate' });
requests.add(ReservationPatch, { id: 'ReservationPatch' });
requests.add(OccurrencePatch, { id: 'OccurrencePatch' });
requests.add(CancelRequest, { id: 'CancelRequest' });
requests.add(ReleaseRequest, { id: 'ReleaseRequest' });

type JsonObject = Record<string, unknown>;
const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });

function componentSchemas(): JsonObject {
  const uri = (id: string) => `#/components/schemas/${id}`;
  const generated = {
    ...z.toJSONSchema(responses, { uri, io: 'output' }).schemas,
    ...z.toJSONSchema(requests, { uri, io: 'input' }).schemas,
  };
  // Component schemas live inside the document: their own $schema/$id would start new resources.
  return Object.fromEntries(
    Object.entries(generated).map(([id, { $schema: _schema, $id: _id, ...schema }]) => [id, schema]),
  );
}

const jsonSchemaOf = (schema: z.ZodType): JsonObject => {
  const { $schema: _schema, ...json } = z.toJSONSchema(schema, { io: 'input' }) as JsonObject;
  return json;
};

function queryParameters(query: z.ZodObject): JsonObject[] {
  return Object.entries(query.shape).map(([name, schema]) => {
    const field = schema as z.ZodType;
    const { description, ...json } = jsonSchemaOf(field);
    return { name, in: 'query', required: !field.safeParse(undefined).success, description, schema: json };
  });
}

const pathParameter = (name: string, description: string, schema: z.ZodType = Id) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: jsonSchemaOf(schema),
});
const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: 'Repeating a write with the same key and body returns the first result; another body gets 422.',
  schema: { type: 'string', minLength: 1, maxLength: 255 },
};
const ifMatch = (required: boolean) => ({
  name: 'If-Match',
  in: 'header',
  required,
  description: 'The version the change is based on (412 when stale).',
  schema: { type: 'string', pattern: '^(W/)?"?[0-9]+"?$' },
});

const json = (schemaId: string) => ({ content: { 'application/json': { schema: ref(schemaId) } } });

/** Each status an operation can answer with besides its success. */
function errorResponses(statuses: number[]): JsonObject {
  const codesByStatus = new Map<number, string[]>();
  for (const [code, status] of Object.entries(ERROR_STATUS)) {
    codesByStatus.set(status, [...(codesByStatus.get(status) ?? []), code]);
  }
  return Object.fromEntries(
    [401, 429, 500, 502, 503, 504, ...statuses].map((status) => [
      String(status),
      { description: `Error (${(codesByStatus.get(status) ?? []).join(', ')})`, ...json('Error') },
    ]),
  );
}

type Operation = {
  summary: string;
  parameters?: JsonObject[];
  body?: string;
  success: { status: number; schema: string };
  errors: number[];
};

const OPTIONAL_BODIES = new Set(['CancelRequest', 'ReleaseRequest']);

function operation({ summary, parameters = [], body, success, errors }: Operation): JsonObject {
  return {
    summary,
    parameters,
    ...(body ? { requestBody: { required: !OPTIONAL_BODIES.has(body), ...json(body) } } : {}),
    responses: { [String(success.status)]: { description: 'OK', ...json(success.schema) }, ...errorResponses(errors) },
  };
}

const reservationId = pathParameter('reservationId', 'The reservation id.');
const originalStart = pathParameter(
  'originalStart',
  'The original start of the occurrence, a URL-encoded UTC instant.',
  Instant,
);
const list = (summary: string, query: z.ZodObject, schema: string) =>
  operation({ summary, parameters: queryParameters(query), success: { status: 200, schema }, errors: [400] });

function paths(): JsonObject {
  return {
    '/api/v1/buildings': { get: list('Buildings', BuildingQuery, 'BuildingPage') },
    '/api/v1/floors': { get: list('Floors, optionally of one building', FloorQuery, 'FloorPage') },
    '/api/v1/areas': { get: list('Areas (meeting rooms, workplaces, parking places)', AreaQuery, 'AreaPage') },
    '/api/v1/areas/{areaId}': {
      get: operation({
        summary: 'One area',
        parameters: [pathParameter('areaId', 'The area id.')],
        success: { status: 200, schema: 'Area' },
        errors: [404],
      }),
    },
    '/api/v1/assets': { get: list('Reservable assets (equipment)', AssetQuery, 'AssetPage') },
    '/api/v1/catalog-items': {
      get: list('Catalog items (catering and services)', CatalogItemQuery, 'CatalogItemPage'),
    },
    '/api/v1/reservations': {
      get: list(
        'Reservations, optionally overlapping a time range or holding an area',
        ReservationQuery,
        'ReservationPage',
      ),
      post: operation({
        summary: 'Create a reservation (single or series) with its lines',
        parameters: [idempotencyKey],
        body: 'ReservationCreate',
        success: { status: 201, schema: 'Reservation' },
        errors: [400, 409, 422],
      }),
    },
    '/api/v1/reservations/{reservationId}': {
      get: operation({
        summary: 'One reservation',
        parameters: [reservationId],
        success: { status: 200, schema: 'Reservation' },
        errors: [404],
      }),
      patch: operation({
        summary: 'Change a reservation; fields left out keep their value, `lines` replaces the active lines',
        parameters: [reservationId, ifMatch(true), idempotencyKey],
        body: 'ReservationPatch',
        success: { status: 200, schema: 'Reservation' },
        errors: [400, 404, 409, 412, 422, 428],
      }),
    },
    '/api/v1/reservations/{reservationId}/cancel': {
      post: operation({
        summary: 'Cancel a reservation (a whole series, for a series)',
        parameters: [reservationId, ifMatch(false), idempotencyKey],
        body: 'CancelRequest',
        success: { status: 200, schema: 'Reservation' },
        errors: [400, 404, 412, 422],
      }),
    },
    '/api/v1/reservations/{reservationId}/release': {
      post: operation({
        summary:
          'Release the occurrence running now (or the one named) before its end: with `lineId`, that room (line) ' +
          "only, the meeting's other rooms stay booked; without, the whole occurrence. What it releases is free " +
          'from now on, the reservation and its history stay (`releases`). Releasing what is released answers ' +
          'the reservation unchanged; an occurrence not running → 422 NOT_IN_PROGRESS; an unknown line → 404',
        parameters: [reservationId, idempotencyKey],
        body: 'ReleaseRequest',
        success: { status: 200, schema: 'Reservation' },
        errors: [400, 404, 409, 422],
      }),
    },
    '/api/v1/reservations/{reservationId}/occurrences/{originalStart}': {
      patch: operation({
        summary: 'Move or rename one occurrence of a series',
        parameters: [reservationId, originalStart, ifMatch(true), idempotencyKey],
        body: 'OccurrencePatch',
        success: { status: 200, schema: 'Reservation' },
        errors: [400, 404, 409, 412, 422, 428],
      }),
    },
    '/api/v1/reservations/{reservationId}/occurrences/{originalStart}/cancel': {
      post: operation({
        summary: 'Cancel one occurrence of a series',
        parameters: [reservationId, originalStart, ifMatch(false), idempotencyKey],
        body: 'CancelRequest',
        success: { status: 200, schema: 'Reservation' },
        errors: [400, 404, 409, 412, 422],
      }),
    },
    '/api/v1/availability': {
      get: operation({
        summary: 'Busy intervals (series expanded per occurrence) and booking rules per area',
        parameters: queryParameters(AvailabilityQuery),
        success: { status: 200, schema: 'Availability' },
        errors: [400, 404],
      }),
    },
    '/api/v1/changes': {
      get: operation({
        summary: 'The change feed: ordered, at-least-once',
        parameters: queryParameters(ChangesQuery),
        success: { status: 200, schema: 'ChangesPage' },
        errors: [400, 410],
      }),
    },
  };
}

const webhookSignatureHeaders = [
  {
    name: 'X-Workplace-Timestamp',
    in: 'header',
    required: true,
    description: 'Unix seconds when the delivery was signed.',
    schema: { type: 'string', pattern: '^[0-9]+$' },
  },
  {
    name: 'X-Workplace-Signature',
    in: 'header',
    required: true,
    description: 'sha256=<hex HMAC-SHA256 over "<timestamp>.<raw body>"> with the shared secret.',
    schema: { type: 'string', pattern: '^sha256=[0-9a-f]{64}$' },
  },
];

/** The Workplace contract (DESIGN §6) as an OpenAPI 3.1 document. */
export function buildOpenApiDocument(): JsonObject {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Workplace reservations API (as spoken by workplace-sync)',
      version: '1.0.0',
      description:
        'The contract between the sync service and Spacewell Workplace. Every error is `{ error: { code, message } }`. ' +
        'Lists page with `limit` and `cursor` → `{ items, nextCursor }`.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    security: [{ apiKey: [] }],
    paths: paths(),
    webhooks: {
      reservationChanged: {
        post: {
          summary: 'Changes, delivered to the configured URL; retried with backoff until a 2xx',
          parameters: webhookSignatureHeaders,
          requestBody: { required: true, ...json('WebhookPayload') },
          responses: { '200': { description: 'Any 2xx acknowledges the delivery' } },
        },
      },
    },
    components: {
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'Authorization: Bearer <api key>' } },
      schemas: componentSchemas(),
    },
  };
}
