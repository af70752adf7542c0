import { z } from 'zod';

// `microsoft.graph.room` / `roomList` (both `place`), v1.0 CSDL. The docs' list samples deviate from the
// schema (`capacity` as the string "50", `displayDevice`, `isWheelchairAccessible`); the schema
// spelling is read first and the sample spelling only as a fallback.

const numberOrNumericString = z
  .union([z.number(), z.string().regex(/^\d+$/)])
  .transform((value) => (typeof value === 'number' ? value : Number(value)));

export const GraphRoom = z.object({
  id: z.string().nullish(),
  emailAddress: z.string().min(1),
  displayName: z.string().nullish(),
  nickname: z.string().nullish(),
  label: z.string().nullish(),
  capacity: numberOrNumericString.nullish(),
  building: z.string().nullish(),
  address: z.object({ city: z.string().nullish() }).nullish(),
  floorNumber: z.number().int().nullish(),
  floorLabel: z.string().nullish(),
  bookingType: z.string().nullish(),
  tags: z.array(z.string()).nullish(),
  audioDeviceName: z.string().nullish(),
  videoDeviceName: z.string().nullish(),
  displayDeviceName: z.string().nullish(),
  displayDevice: z.string().nullish(),
  isWheelChairAccessible: z.boolean().nullish(),
  isWheelchairAccessible: z.boolean().nullish(),
});
export type GraphRoom = z.infer<typeof GraphRoom>;

export const GraphRoomList = z.object({
  id: z.string().nullish(),
  emailAddress: z.string().min(1),
  displayName: z.string().nullish(),
});
export type GraphRoomList = z.infer<typeof GraphRoomList>;
