import { z } from 'zod';
import { Email, Id, PageQuery, TimeOfDay, TimeZone, Weekday } from './primitives.js';

export const Building = z.object({ id: Id, name: z.string(), address: z.string(), timeZone: TimeZone });
export type Building = z.infer<typeof Building>;

export const Floor = z.object({ id: Id, buildingId: Id, name: z.string(), level: z.number().int() });
export type Floor = z.infer<typeof Floor>;

export const OpeningHours = z
  .object({ days: z.array(Weekday).min(1), from: TimeOfDay, to: TimeOfDay })
  .meta({ description: "Open from `from` to `to` on `days`, in the building's time zone." });
export type OpeningHours = z.infer<typeof OpeningHours>;

export const Regime = z.object({ openingHours: z.array(OpeningHours) }).meta({
  description:
    "Availability regime: a booking must fit inside one opening interval of a day, in the building's time zone.",
});
export type Regime = z.infer<typeof Regime>;

const reservationSettings = {
  reservable: z.boolean(),
  approvalRequired: z.boolean(),
  bookingWindowDays: z.number().int().min(0).meta({ description: 'How far ahead the object can be booked.' }),
  regime: Regime.nullable().meta({ description: 'Null: bookable at any time.' }),
};

export const CheckInRule = z
  .object({
    required: z.boolean().meta({
      description: 'Whether a booking nobody checked in to is released when the window closes (auto-release).',
    }),
    opensMinutesBefore: z
      .number()
      .int()
      .min(0)
      .max(240)
      .meta({ description: 'Check-in opens this long before the start.' }),
    closesMinutesAfter: z
      .number()
      .int()
      .min(1)
      .max(240)
      .meta({
        description:
          'With check-in required: check-in closes this long after the start, and an occurrence nobody checked in ' +
          'to is released then. Without: check-in stays open until the end.',
      }),
  })
  .meta({ description: "Check-in at the area's touchpoints (kiosk, room display, app)." });
export type CheckInRule = z.infer<typeof CheckInRule>;

export const AreaType = z.enum(['meetingRoom', 'workplace', 'parkingPlace']);

export const Area = z.object({
  id: Id,
  name: z.string(),
  type: AreaType,
  buildingId: Id,
  floorId: Id,
  capacity: z.number().int().min(0),
  equipment: z.array(z.string()),
  exchangeMailbox: Email.nullable().meta({ description: 'The Exchange room mailbox linked to this area, if any.' }),
  cateringAllowed: z.boolean(),
  checkIn: CheckInRule.optional().meta({
    description: 'Absent: check-in is not required and open from 15 minutes before the start until the end.',
  }),
  ...reservationSettings,
});
export type Area = z.infer<typeof Area>;

export const Asset = z.object({ id: Id, name: z.string(), kind: z.string(), buildingId: Id, ...reservationSettings });
export type Asset = z.infer<typeof Asset>;

export const CatalogItem = z.object({
  id: Id,
  name: z.string(),
  category: z.enum(['catering', 'service']),
  unit: z.enum(['person', 'item']),
  regime: Regime.nullable().meta({ description: "When it can be served, in the area's building time zone." }),
});
export type CatalogItem = z.infer<typeof CatalogItem>;

export const BuildingQuery = z.object({ ...PageQuery });
export const FloorQuery = z.object({ buildingId: Id.optional(), ...PageQuery });
export const AreaQuery = z.object({
  type: AreaType.optional(),
  buildingId: Id.optional(),
  floorId: Id.optional(),
  ...PageQuery,
});
export const AssetQuery = z.object({ buildingId: Id.optional(), ...PageQuery });
export const CatalogItemQuery = z.object({ ...PageQuery });
