// The add-in API contract (DESIGN §8): zod schemas shared by the server's routes, its OpenAPI document
// and the task pane's client.
export * from './primitives.js';
export * from './rooms.js';
export * from './availability.js';
export * from './recurrence-query.js';
export * from './reservations.js';
export * from './booking-intents.js';
export * from './addin-config.js';
export * from './addin-api.js';
