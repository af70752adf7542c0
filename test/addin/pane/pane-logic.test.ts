import { describe, expect, test, vi } from 'vitest';
import { ApiError } from '@workplace-sync/shared';
import type { AvailabilityQueryInput, RoomAvailability } from '@workplace-sync/shared';
import { createAddinApiClient, fetchAddinConfig } from '../../../addin/src/api/addin-api-client.js';
import { createHarnessTokenSource } from '../../../addin/src/auth/harness-token-source.js';
import { createNaaTokenSource, SignInError } from '../../../addin/src/auth/naa-token-source.js';
import type { MsalModule } from '../../../addin/src/auth/naa-token-source.js';
import { describeReason, describeSummary } from '../../../addin/src/booking/describe-availability.js';
import { alternativesOf, planOccurrences } from '../../../addin/src/booking/occurrence-plan.js';
import { toAvailabilityQuery, noFilters } from '../../../addin/src/hooks/use-availability.js';
import { de } from '../../../addin/src/i18n/messages/de.js';
import { en } from '../../../addin/src/i18n/messages/en.js';
import { fr } from '../../../addin/src/i18n/messages/fr.js';
import { nl } from '../../../addin/src/i18n/messages/nl.js';
import { createPaneI18n, localizerOf } from '../../../addin/src/i18n/pane-i18n.js';
import { describeRecurrence } from '../../../addin/src/time/describe-recurrence.js';
import { formatTimeRange, offsetMinutes, roomLocalTime } from '../../../addin/src/time/meeting-time-format.js';
import { CATALOGUE, availabilityFor } from './support/fake-addin-api.js';

const everyLanguage = { en, fr, nl, de };
const inEnglish = localizerOf(createPaneI18n('en-US', { en }));
const inBritishEnglish = localizerOf(createPaneI18n('en-GB', { en }));
const inFrench = localizerOf(createPaneI18n('fr-FR', everyLanguage));
const inDutch = localizerOf(createPaneI18n('nl-NL', everyLanguage));
const inGerman = localizerOf(createPaneI18n('de-DE', everyLanguage));

const weekly: AvailabilityQueryInput = {
  start: '2026-03-02T09:00:00Z',
  end: '2026-03-02T10:00:00Z',
  timeZone: 'Europe/Brussels',
  freq: 'weekly',
  count: '4',
};

describe('occurrence plan: which room each date uses', () => {
  test('keeps the chosen room where it is free, suggests the nearest free room elsewhere', () => {
    const availability = availabilityFor(weekly, { ardennes: [1], meuse: [1, 2] });
    const plan = planOccurrences(availability, CATALOGUE.rooms, 'ardennes');
    expect(plan.map((entry) => [entry.roomId, entry.isAlternative])).toEqual([
      ['ardennes', false],
      // same floor first (Meuse is taken then, Board room needs approval but is bookable), smallest that fits
      ['board', true],
      ['ardennes', false],
      ['ardennes', false],
    ]);
    expect(plan[1]!.candidates).toEqual(['board', 'atrium', 'hudson']);
    expect(alternativesOf(plan)).toEqual([{ occurrenceStart: plan[1]!.occurrence.start, roomId: 'board' }]);
  });

  test('the user’s choice wins; “no room” is a choice; unknown choices fall back to the suggestion', () => {
    const availability = availabilityFor(weekly, { ardennes: [1, 3] });
    const [, second, , fourth] = availability.occurrences;
    const plan = planOccurrences(availability, CATALOGUE.rooms, 'ardennes', {
      [second!.start]: null,
      [fourth!.start]: 'senne', // not linked, never a candidate
    });
    expect(plan[1]).toMatchObject({ roomId: null, isAlternative: false });
    expect(plan[3]).toMatchObject({ roomId: 'meuse', isAlternative: true });
    expect(alternativesOf(plan)).toEqual([{ occurrenceStart: fourth!.start, roomId: 'meuse' }]);
  });
});

describe('words for statuses', () => {
  test.each([
    [{ code: 'booked', source: 'workplace' } as const, 'Booked in Workplace'],
    [{ code: 'booked', source: 'exchange' } as const, 'Busy in Exchange'],
    [{ code: 'needs-approval', source: 'workplace' } as const, 'Needs approval'],
    [{ code: 'closed', source: 'workplace' } as const, 'Closed at that time'],
    [{ code: 'not-linked-to-exchange', source: 'workplace' } as const, 'Not linked to Exchange: book it in Workplace'],
    [
      { code: 'outside-booking-window', source: 'workplace', until: '2026-08-29T07:00:00Z' } as const,
      'Beyond its booking window (bookable until Sat, Aug 29)',
    ],
  ])('%o → %s', (reason, text) => {
    expect(describeReason(reason, inEnglish, 'Europe/Brussels')).toBe(text);
  });

  test('summaries', () => {
    const room = { roomId: 'r', reasons: [], occurrences: [] };
    expect(describeSummary({ ...room, summary: 'partly-free', bookableOccurrences: 3 }, 4, inEnglish)).toEqual({
      text: 'Free for 3 of 4 dates',
      tone: 'warning',
    });
    expect(describeSummary({ ...room, summary: 'unavailable', bookableOccurrences: 0 }, 1, inEnglish).tone).toBe(
      'danger',
    );
    const partly = { ...room, summary: 'partly-free', bookableOccurrences: 1 } as const;
    expect(describeSummary(partly, 2, inFrench).text).toBe('Libre à 1 des 2 dates');
    expect(describeSummary(partly, 2, inDutch).text).toBe('Vrij op 1 van 2 datums');
    expect(describeSummary(partly, 2, inGerman).text).toBe('Frei an 1 von 2 Terminen');
  });

  test('a partly free room says which dates are taken, in the pane’s language', () => {
    const occurrences = ['2026-03-02', '2026-03-09', '2026-03-16'].map((day) => ({
      start: `${day}T09:00:00.000Z`,
      end: `${day}T10:00:00.000Z`,
    }));
    const room: RoomAvailability = {
      roomId: 'r',
      reasons: [],
      summary: 'partly-free',
      bookableOccurrences: 1,
      occurrences: [
        { isBookable: true, reasons: [] },
        { isBookable: false, reasons: [] },
        { isBookable: false, reasons: [] },
      ],
    };
    const taken = { occurrences, timeZone: 'Europe/Brussels' };
    expect(describeSummary(room, 3, inEnglish, taken).text).toBe(
      'Free for 1 of 3 dates: taken Mon, Mar 9 and Mon, Mar 16',
    );
    expect(describeSummary(room, 3, inFrench, taken).text).toMatch(
      /^Libre à 1 des 3 dates : |^Libre à 1 des 3 dates: /,
    );
    expect(describeSummary(room, 3, inFrench, taken).text).toContain('occupée le lun. 9 mars et lun. 16 mars');
  });

  test.each([
    [
      { freq: 'weekly', interval: 1, byDay: ['MO', 'WE'], weekStart: 'MO', end: { type: 'count', count: 6 } },
      'Weekly on Monday and Wednesday, 6 times',
    ],
    [{ freq: 'daily', interval: 2, weekStart: 'MO', end: { type: 'none' } }, 'Every 2 days, no end date'],
    [
      {
        freq: 'monthly',
        interval: 1,
        byDay: ['TH'],
        bySetPos: -1,
        weekStart: 'MO',
        end: { type: 'until', until: '2026-12-31' },
      },
      'Monthly on the last Thursday, until December 31, 2026',
    ],
    [
      { freq: 'yearly', interval: 1, byMonth: 3, byMonthDay: 2, weekStart: 'MO', end: { type: 'none' } },
      'Yearly in March on day 2, no end date',
    ],
  ] as const)('recurrence %#', (rule, text) => {
    expect(describeRecurrence(structuredClone(rule) as never, inEnglish)).toBe(text);
  });

  test.each([
    [
      inFrench,
      'Chaque semaine le lundi et mercredi, 6 fois',
      'Chaque mois le dernier jeudi, jusqu’au 31 décembre 2026',
    ],
    [inDutch, 'Wekelijks op maandag en woensdag, 6 keer', 'Maandelijks op de laatste donderdag, tot 31 december 2026'],
    [inGerman, 'Wöchentlich am Montag und Mittwoch, 6-mal', 'Monatlich am letzten Donnerstag, bis 31. Dezember 2026'],
  ])('recurrence in %#: days, months and dates from Intl', (words, weeklyText, monthlyText) => {
    const weeklyRule = {
      freq: 'weekly',
      interval: 1,
      byDay: ['MO', 'WE'],
      weekStart: 'MO',
      end: { type: 'count', count: 6 },
    };
    const monthlyRule = {
      freq: 'monthly',
      interval: 1,
      byDay: ['TH'],
      bySetPos: -1,
      weekStart: 'MO',
      end: { type: 'until', until: '2026-12-31' },
    };
    expect(describeRecurrence(weeklyRule as never, words)).toBe(weeklyText);
    expect(describeRecurrence(monthlyRule as never, words)).toBe(monthlyText);
  });
});

describe('times: the pane’s zone and the room’s', () => {
  const start = new Date('2026-03-02T09:00:00Z');
  const end = new Date('2026-03-02T10:00:00Z');
  test('a range in a zone, with the end day when it differs', () => {
    expect(formatTimeRange(start, end, 'Europe/Brussels', 'en-GB')).toBe('Mon 2 Mar, 10:00–11:00');
    expect(formatTimeRange(start, new Date('2026-03-03T10:00:00Z'), 'Europe/Brussels', 'en-GB')).toBe(
      'Mon 2 Mar, 10:00–Tue 3 Mar, 11:00',
    );
  });

  test.each([
    ['en-US', 'Mon, Mar 2, 10:00 AM–11:00 AM'],
    ['fr-FR', 'lun. 2 mars, 10:00–11:00'],
    ['nl-NL', 'ma 2 mrt, 10:00–11:00'],
    ['de-DE', 'Mo., 2. März, 10:00–11:00'],
  ])('%s: the locale’s clock (12-hour in en-US, as Outlook shows)', (locale, text) => {
    // ICU writes a narrow no-break space before AM/PM.
    expect(formatTimeRange(start, end, 'Europe/Brussels', locale).replace(/\u202f/g, ' ')).toBe(text);
  });

  test('room-local time only when the clocks differ at that moment', () => {
    expect(roomLocalTime(start, end, 'America/New_York', 'Europe/Brussels', inBritishEnglish)).toBe(
      '04:00–05:00 New York time',
    );
    expect(roomLocalTime(start, end, 'Europe/Paris', 'Europe/Brussels', inBritishEnglish)).toBeNull();
    // 23 March 2026: New York is on summer time, Brussels not yet: 5 hours instead of 6.
    const march = new Date('2026-03-23T09:00:00Z');
    expect(offsetMinutes(march, 'America/New_York')).toBe(-240);
    expect(
      roomLocalTime(march, new Date('2026-03-23T10:00:00Z'), 'America/New_York', 'Europe/Brussels', inBritishEnglish),
    ).toBe('05:00–06:00 New York time');
    const noon = new Date('2026-03-02T12:00:00Z');
    expect(
      roomLocalTime(noon, new Date('2026-03-02T13:00:00Z'), 'Pacific/Auckland', 'Europe/Brussels', inBritishEnglish),
    ).toBe('Tue 3 Mar, 01:00–02:00 Auckland time');
  });

  test('the availability query flattens the recurrence and the filters into strings', () => {
    expect(
      toAvailabilityQuery(
        {
          start,
          end,
          timeZone: 'Romance Standard Time',
          recurrence: {
            freq: 'monthly',
            interval: 1,
            byDay: ['TH'],
            bySetPos: -1,
            weekStart: 'MO',
            end: { type: 'until', until: '2026-12-31' },
          },
        },
        { ...noFilters, buildingId: 'b-bru', minCapacity: 5, equipment: ['screen', 'whiteboard'] },
        ['hold-1'],
      ),
    ).toEqual({
      start: '2026-03-02T09:00:00.000Z',
      end: '2026-03-02T10:00:00.000Z',
      timeZone: 'Romance Standard Time',
      buildingId: 'b-bru',
      minCapacity: '5',
      equipment: 'screen,whiteboard',
      excludeReservationIds: 'hold-1',
      freq: 'monthly',
      interval: '1',
      weekStart: 'MO',
      byDay: 'TH',
      bySetPos: '-1',
      until: '2026-12-31',
    });
  });
});

describe('api client', () => {
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

  test('sends the bearer token, and after a 401 retries once with a fresh one', async () => {
    const tokens = ['old', 'fresh'];
    const getToken = vi.fn(async () => tokens.shift()!);
    const fetch = vi.fn(async (_url: RequestInfo | URL, init?: RequestInit) =>
      (init!.headers as Record<string, string>).authorization === 'Bearer old'
        ? json(401, { error: { code: 'UNAUTHORIZED', message: 'expired' } })
        : json(200, { reservations: [] }),
    );
    const api = createAddinApiClient({ getToken, fetch, baseUrl: 'https://rooms.example.com' });
    expect(await api.getReservationsForMeeting({ reservationId: 'r 1' })).toEqual({ reservations: [] });
    expect(getToken.mock.calls).toEqual([[{ forceRefresh: false }], [{ forceRefresh: true }]]);
    expect(String(fetch.mock.calls[1]![0])).toBe(
      'https://rooms.example.com/api/reservations/for-meeting?reservationId=r+1',
    );
  });

  test('error bodies become ApiError with code and message; no network is an ApiError too', async () => {
    const api = createAddinApiClient({
      getToken: async () => 't',
      fetch: async () => json(409, { error: { code: 'CONFLICT', message: 'Room taken' } }),
    });
    await expect(api.createBookingIntent({} as never)).rejects.toEqual(new ApiError(409, 'CONFLICT', 'Room taken'));
    const offline = createAddinApiClient({
      getToken: async () => 't',
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    await expect(offline.listRooms()).rejects.toMatchObject({ status: 0, code: 'NETWORK' });
  });

  test('paths with parameters are encoded; DELETE answers 204 without a body', async () => {
    const fetch = vi.fn(async () => new Response(null, { status: 204 }));
    const api = createAddinApiClient({ getToken: async () => 't', fetch });
    expect(await api.releaseBookingIntent('a/b')).toBeUndefined();
    expect(fetch.mock.calls[0]).toEqual(['/api/booking-intents/a%2Fb', expect.objectContaining({ method: 'DELETE' })]);
  });

  test('the public config', async () => {
    const config = { auth: { kind: 'harness', tokenPath: '/harness/token' } };
    expect(await fetchAddinConfig('', async () => json(200, config))).toEqual(config);
  });
});

describe('sign-in', () => {
  class InteractionRequiredAuthError extends Error {}
  const fakeMsal = (behaviour: { silent: () => Promise<string>; popup?: () => Promise<string> }) => {
    const calls: string[] = [];
    const module = {
      InteractionRequiredAuthError,
      createNestablePublicClientApplication: async (configuration: { auth: { clientId: string } }) => {
        calls.push(`create ${configuration.auth.clientId}`);
        return {
          getActiveAccount: () => null,
          getAllAccounts: () => [],
          setActiveAccount: () => calls.push('setActiveAccount'),
          acquireTokenSilent: async (request: { loginHint?: string; forceRefresh?: boolean }) => {
            calls.push(`silent ${request.loginHint} ${request.forceRefresh}`);
            return { accessToken: await behaviour.silent() };
          },
          acquireTokenPopup: async () => {
            calls.push('popup');
            return { accessToken: await behaviour.popup!(), account: {} };
          },
        };
      },
    } as unknown as MsalModule;
    return { module, calls };
  };
  const options = {
    clientId: 'c',
    authority: 'https://login.microsoftonline.com/t',
    scopes: ['api://x/c/access_as_user'],
    loginHint: 'ann@contoso.com',
  };

  test('NAA: silent for the Outlook user, one client for all calls', async () => {
    const msal = fakeMsal({ silent: async () => 'token' });
    const getToken = createNaaTokenSource({ ...options, loadMsal: async () => msal.module });
    expect(await getToken()).toBe('token');
    expect(await getToken({ forceRefresh: true })).toBe('token');
    expect(msal.calls).toEqual(['create c', 'silent ann@contoso.com false', 'silent ann@contoso.com true']);
  });

  test('NAA: a popup only when interaction is required; other failures are SignInErrors', async () => {
    const interactive = fakeMsal({
      silent: async () => {
        throw new InteractionRequiredAuthError('consent_required');
      },
      popup: async () => 'after consent',
    });
    expect(await createNaaTokenSource({ ...options, loadMsal: async () => interactive.module })()).toBe(
      'after consent',
    );
    const broken = fakeMsal({
      silent: async () => {
        throw new Error('network');
      },
    });
    await expect(createNaaTokenSource({ ...options, loadMsal: async () => broken.module })()).rejects.toBeInstanceOf(
      SignInError,
    );
  });

  test('harness: a token per user from the server, cached until a minute before it expires', async () => {
    let now = Date.parse('2026-03-02T08:00:00Z');
    const fetch = vi.fn(
      async () =>
        new Response(JSON.stringify({ accessToken: `t${fetch.mock.calls.length}`, expiresAt: '2026-03-02T09:00:00Z' })),
    );
    const getToken = createHarnessTokenSource({
      tokenPath: '/harness/token',
      user: 'ann@contoso.com',
      fetch,
      now: () => now,
    });
    expect(await getToken()).toBe('t1');
    expect(await getToken()).toBe('t1');
    now = Date.parse('2026-03-02T08:59:30Z');
    expect(await getToken()).toBe('t2');
    expect(await getToken({ forceRefresh: true })).toBe('t3');
    expect(JSON.parse(String((fetch.mock.calls[0] as unknown as [string, RequestInit])[1].body))).toEqual({
      user: 'ann@contoso.com',
    });
  });
});
