export { createWorkplaceEmulator, DEFAULT_WORKPLACE_API_KEY } from './create-workplace-emulator.js';
export type { WorkplaceEmulator, WorkplaceEmulatorOptions } from './create-workplace-emulator.js';
export { workplaceDemoSeed } from './seed/demo-seed.js';
export type { WorkplaceSeed, WorkplaceSnapshot } from './domain/workplace-state.js';
export type { FaultInput as WorkplaceFault } from './http/faults.js';
export { signWebhook as signWorkplaceWebhook } from './feed/webhook-dispatcher.js';
export type {
  WebhookConfig as WorkplaceWebhookConfig,
  WebhookDelivery as WorkplaceWebhookDelivery,
} from './feed/webhook-dispatcher.js';
export { buildOpenApiDocument as buildWorkplaceOpenApiDocument } from './contract/openapi-document.js';
export type { ErrorCode as WorkplaceErrorCode } from './contract/errors.js';
export type {
  Area as WorkplaceArea,
  Asset as WorkplaceAsset,
  Building as WorkplaceBuilding,
  CatalogItem as WorkplaceCatalogItem,
  Floor as WorkplaceFloor,
  Regime as WorkplaceRegime,
} from './contract/locations.js';
export type {
  Reservation as WorkplaceReservation,
  ReservationCreate as WorkplaceReservationCreate,
  ReservationLine as WorkplaceReservationLine,
  ReservationPatch as WorkplaceReservationPatch,
} from './contract/reservations.js';
export type { Change as WorkplaceChange, ChangesPage as WorkplaceChangesPage } from './contract/changes.js';
export type { Availability as WorkplaceAvailability } from './contract/availability.js';
