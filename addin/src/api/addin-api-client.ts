import { createApiCaller, fetchPublicJson, toPath, toQueryString } from '@workplace-sync/shared';
import type {
  AddinApi,
  AddinConfig,
  AvailabilityQueryInput,
  AvailabilityResponse,
  BookingIntent,
  BookingIntentRequestInput,
  ForMeetingQueryInput,
  LineEdits,
  MeetingReservation,
  MeetingReservations,
  RoomsResponse,
  TokenSource,
} from '@workplace-sync/shared';

// The add-in API's endpoints on the shared client (shared/src/api-client: bearer token, one retry after a
// 401, ApiError). Of the contract only its types: the server validates requests and its answers against
// the same zod schemas, so the pane carries no zod (and no time-zone library) in its bundle.

export type AddinApiClient = {
  listRooms(): Promise<RoomsResponse>;
  getAvailability(query: AvailabilityQueryInput): Promise<AvailabilityResponse>;
  createBookingIntent(request: BookingIntentRequestInput): Promise<BookingIntent>;
  releaseBookingIntent(intentId: string): Promise<void>;
  /** The room declined the sent meeting: the server releases the hold now and logs it. */
  reportDeclinedBookingIntent(intentId: string): Promise<void>;
  getReservationsForMeeting(query: ForMeetingQueryInput): Promise<MeetingReservations>;
  updateReservationLines(reservationId: string, edits: LineEdits): Promise<MeetingReservation>;
};

type Url<Name extends keyof AddinApi> = AddinApi[Name]['url'];
/** The route of an operation with its `:params` filled in; the literal must match the contract's. */
const route = <Name extends keyof AddinApi>(url: Url<Name>, params?: Record<string, string>) => toPath(url, params);

export type AddinApiClientOptions = {
  /** '' = the pane's own origin, where the server serves both. */
  baseUrl?: string;
  getToken: TokenSource;
  fetch?: typeof fetch;
};

export function createAddinApiClient(options: AddinApiClientOptions): AddinApiClient {
  const call = createApiCaller(options);
  return {
    listRooms: () => call('GET', route<'listRooms'>('/api/rooms')),
    getAvailability: (query) => call('GET', route<'getAvailability'>('/api/availability') + toQueryString(query)),
    createBookingIntent: (request) => call('POST', route<'createBookingIntent'>('/api/booking-intents'), request),
    releaseBookingIntent: (intentId) =>
      call('DELETE', route<'releaseBookingIntent'>('/api/booking-intents/:intentId', { intentId })),
    reportDeclinedBookingIntent: (intentId) =>
      call('POST', route<'reportDeclinedBookingIntent'>('/api/booking-intents/:intentId/declined', { intentId })),
    getReservationsForMeeting: (query) =>
      call('GET', route<'getReservationsForMeeting'>('/api/reservations/for-meeting') + toQueryString(query)),
    updateReservationLines: (reservationId, edits) =>
      call(
        'PATCH',
        route<'updateReservationLines'>('/api/reservations/:reservationId/lines', { reservationId }),
        edits,
      ),
  };
}

/** The public sign-in configuration the server publishes next to the pane. */
export function fetchAddinConfig(baseUrl = '', fetchImpl?: typeof fetch): Promise<AddinConfig> {
  return fetchPublicJson<AddinConfig>(`${baseUrl}${route<'getAddinConfig'>('/addin-config.json')}`, fetchImpl);
}
