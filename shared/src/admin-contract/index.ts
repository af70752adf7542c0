// The admin console API contract: zod schemas shared by the server's admin routes and the console.
export * from './admin-api.js';
export * from './room-location.js';
export * from './activity.js';
export * from './limits.js';
