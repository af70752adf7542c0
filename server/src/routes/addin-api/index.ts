export { addinApiRoutes } from './addin-api-routes.js';
export type { AddinApiRoutesOptions } from './addin-api-routes.js';
export { addinPublicRoutes } from './addin-public-routes.js';
export type { AddinPublicRoutesOptions } from './addin-public-routes.js';
export { harnessRoutes } from './harness-routes.js';
export type { HarnessMeeting, HarnessRoutesOptions } from './harness-routes.js';
