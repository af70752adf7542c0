export { adminApiRoutes } from './admin-api-routes.js';
export type { AdminApiRoutesOptions } from './admin-api-routes.js';
export { adminConsoleRoutes } from './admin-console-routes.js';
export type { AdminConsoleRoutesOptions } from './admin-console-routes.js';
export { requireAdmin } from './admin-guard.js';
export type { AdminAccess } from './admin-guard.js';
