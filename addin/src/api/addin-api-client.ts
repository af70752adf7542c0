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
} from '@workplace-sync/shared';

// Types only from the shared contract: the server validates requests and its answers against the same
// zod schemas, so the pane carries no zod (and no time-zone library) in its bundle.

/** A token for the add-in API; `forceRefresh` after the server refused the previous one. */
export type TokenSource = (options?: { forceRefresh?: boolean }) => Promise<string>;

/** The API answered with an error body `{ error: { code, message } }`, or not at all. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export type AddinApiClient = {
  listRooms(): Promise<RoomsResponse>;
  getAvailability(query: AvailabilityQueryInput): Promise<AvailabilityResponse>;
  createBookingIntent(request: BookingIntentRequestInput): Promise<BookingIntent>;
  releaseBookingIntent(intentId: string): Promise<void>;
  getReservationsForMeeting(query: ForMeetingQueryInput): Promise<MeetingReservations>;
  updateReservationLines(reservationId: string, edits: LineEdits): Promise<MeetingReservation>;
};

type Url<Name extends keyof AddinApi> = AddinApi[Name]['url'];
/** The route of an operation with its `:params` filled in; the literal must match the contract's. */
const route = <Name extends keyof AddinApi>(url: Url<Name>, params: Record<string, string> = {}) =>
  url.replace(/:(\w+)/g, (_match, name: string) => encodeURIComponent(params[name] ?? ''));

const toSearch = (query: Record<string, string | undefined>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : '';
};

async function errorOf(response: Response): Promise<ApiError> {
  let code = 'HTTP_' + response.status;
  let message = response.statusText || `HTTP ${response.status}`;
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string } };
    if (body.error?.code) code = body.error.code;
    if (body.error?.message) message = body.error.message;
  } catch {
    // Not JSON (a proxy's error page): keep the status text.
  }
  return new ApiError(response.status, code, message);
}

export type AddinApiClientOptions = {
  /** '' = the pane's own origin, where the server serves both. */
  baseUrl?: string;
  getToken: TokenSource;
  fetch?: typeof fetch;
};

export function createAddinApiClient({
  baseUrl = '',
  getToken,
  fetch: fetchImpl,
}: AddinApiClientOptions): AddinApiClient {
  const send = fetchImpl ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const attempt = async (forceRefresh: boolean) => {
      const token = await getToken({ forceRefresh });
      try {
        return await send(`${baseUrl}${path}`, {
          method,
          headers: {
            accept: 'application/json',
            authorization: `Bearer ${token}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
      } catch (error) {
        throw new ApiError(0, 'NETWORK', `The server could not be reached (${(error as Error).message})`);
      }
    };
    let response = await attempt(false);
    // One retry with a fresh token: a cached one may have expired between check and use.
    if (response.status === 401) response = await attempt(true);
    if (!response.ok) throw await errorOf(response);
    return (response.status === 204 ? undefined : await response.json()) as T;
  }

  return {
    listRooms: () => call('GET', route<'listRooms'>('/api/rooms')),
    getAvailability: (query) => call('GET', route<'getAvailability'>('/api/availability') + toSearch(query)),
    createBookingIntent: (request) => call('POST', route<'createBookingIntent'>('/api/booking-intents'), request),
    releaseBookingIntent: (intentId) =>
      call('DELETE', route<'releaseBookingIntent'>('/api/booking-intents/:intentId', { intentId })),
    getReservationsForMeeting: (query) =>
      call('GET', route<'getReservationsForMeeting'>('/api/reservations/for-meeting') + toSearch(query)),
    updateReservationLines: (reservationId, edits) =>
      call(
        'PATCH',
        route<'updateReservationLines'>('/api/reservations/:reservationId/lines', { reservationId }),
        edits,
      ),
  };
}

/** The public sign-in configuration the server publishes next to the pane. */
export async function fetchAddinConfig(baseUrl = '', fetchImpl: typeof fetch = globalThis.fetch): Promise<AddinConfig> {
  const path: Url<'getAddinConfig'> = '/addin-config.json';
  const response = await fetchImpl(`${baseUrl}${path}`, { headers: { accept: 'application/json' } });
  if (!response.ok) throw await errorOf(response);
  return (await response.json()) as AddinConfig;
}
