import { z } from 'zod';
import { EmailSchema, queryInt, queryList } from './primitives.js';

export const BuildingSchema = z.object({
  id: z.string(),
  name: z.string(),
  timeZone: z.string().describe('IANA zone of the building: Workplace keeps its times there'),
});
export type Building = z.infer<typeof BuildingSchema>;

export const FloorSchema = z.object({ id: z.string(), buildingId: z.string(), name: z.string(), level: z.number() });
export type Floor = z.infer<typeof FloorSchema>;

/** A reservable Workplace meeting room (an area of type meetingRoom). */
export const RoomSchema = z.object({
  id: z.string().describe('The Workplace area id'),
  name: z.string(),
  buildingId: z.string(),
  floorId: z.string(),
  capacity: z.int().nonnegative(),
  equipment: z.array(z.string()).describe('Fixed equipment of the room, e.g. screen, whiteboard'),
  mailbox: EmailSchema.nullable().describe('The linked Exchange room mailbox; null = not linked to Exchange'),
  timeZone: z.string(),
  approvalRequired: z.boolean(),
  cateringAllowed: z.boolean(),
  bookingWindowDays: z.int().nonnegative(),
});
export type Room = z.infer<typeof RoomSchema>;

/** Reservable equipment (a Workplace asset), booked as an equipment line. */
export const AssetSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  buildingId: z.string(),
  approvalRequired: z.boolean(),
});
export type Asset = z.infer<typeof AssetSchema>;

/** Catering and services (a Workplace catalog item), booked as a catering line. */
export const CatalogItemSchema = z.object({
  id: z.string(),
  name: z.string(),
  category: z.string(),
  unit: z.string(),
});
export type CatalogItem = z.infer<typeof CatalogItemSchema>;

export const RoomFilterSchema = z.object({
  buildingId: z.string().max(200).optional(),
  floorId: z.string().max(200).optional(),
  minCapacity: queryInt(1, 10_000).optional(),
  equipment: queryList(z.string().min(1).max(100), 20)
    .optional()
    .describe('Comma-separated; a room must have all of them'),
});

export const RoomsQuerySchema = RoomFilterSchema;
export type RoomsQuery = z.output<typeof RoomsQuerySchema>;

export const RoomsResponseSchema = z.object({
  buildings: z.array(BuildingSchema),
  floors: z.array(FloorSchema),
  rooms: z.array(RoomSchema),
  assets: z.array(AssetSchema),
  catalogItems: z.array(CatalogItemSchema),
  officeLocation: z
    .string()
    .nullable()
    .describe("The signed-in user's office location in the directory (free text): the pane's default building"),
});
export type RoomsResponse = z.infer<typeof RoomsResponseSchema>;
