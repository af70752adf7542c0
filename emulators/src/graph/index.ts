export { createGraphEmulator } from './create-graph-emulator.js';
export type { GraphEmulator, ListeningEmulator } from './create-graph-emulator.js';
export { NO_NOISE, REALISTIC_NOISE } from './emulator-options.js';
export type { GraphEmulatorOptions, NoiseOptions } from './emulator-options.js';
export type {
  GraphEmulatorControl,
  DelegatedTokenOptions,
  DirectoryUser,
  MailboxEventsOptions,
} from './control/graph-emulator-control.js';
export type { OutlookAction, OutlookMeeting } from './control/outlook-meeting.js';
export type { StatusFault, LatencyFault, NotificationFault } from './control/fault-injector.js';
export { EmulatorClock } from './clock/emulator-clock.js';
export type { ClockOptions } from './clock/emulator-clock.js';
export type { EmulatorSeed, SeedApp, SeedGroup, SeedRoom, SeedRoomList, SeedUser } from './seed/emulator-seed.js';
export type { Group as DirectoryGroup } from './directory/directory.js';
export {
  demoSeed,
  roomEmail,
  DEMO_TENANT_ID,
  DEMO_TENANT_DOMAIN,
  DEMO_SYNC_APP,
  DEMO_ADDIN_APP,
  DEMO_LIDIA,
  DEMO_ADMIN_GROUP_ID,
} from './seed/demo-seed.js';
export { DEFAULT_ROOM_BOOKING_SETTINGS } from './directory/room-booking-settings.js';
export type { RoomBookingSettings } from './directory/room-booking-settings.js';
export { generateEmulatorCertificate } from './tls/emulator-certificate.js';
export type { EmulatorCertificate } from './tls/emulator-certificate.js';
export { createTrustingFetch, createTrustingMsalNetworkClient } from './tls/trusting-fetch.js';
export type { MsalNetworkClient } from './tls/trusting-fetch.js';
export type { DeliveryRecord } from './notifications/notification-dispatcher.js';
