import { ConfidentialClientApplication } from '@azure/msal-node';
import type { INetworkModule } from '@azure/msal-node';
import {
  AuthenticationHandler,
  Client,
  RedirectHandler,
  RetryHandler,
  TelemetryHandler,
} from '@microsoft/microsoft-graph-client';
import type { AuthenticationProvider, Context, Middleware } from '@microsoft/microsoft-graph-client';

export type SdkConnection = {
  /** e.g. https://127.0.0.1:3001 */
  baseUrl: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** In-process only: a fetch and MSAL network client that trust the emulator's certificate. */
  trust?: { fetch: typeof fetch; networkClient: INetworkModule };
};

/**
 * The real SDKs configured for the emulator, as docs/emulators-graph.md describes: MSAL with the
 * emulator as authority (knownAuthorities skips instance discovery on login.microsoftonline.com), and
 * the Graph client with the emulator's host in customHosts (host without port) and baseUrl.
 */
export function connectSdks(connection: SdkConnection) {
  const host = new URL(connection.baseUrl);
  const msal = new ConfidentialClientApplication({
    auth: {
      clientId: connection.clientId,
      clientSecret: connection.clientSecret,
      authority: `${connection.baseUrl}/${connection.tenantId}`,
      knownAuthorities: [host.host],
    },
    ...(connection.trust ? { system: { networkClient: connection.trust.networkClient } } : {}),
  });
  const authProvider: AuthenticationProvider = {
    getAccessToken: async () => {
      const result = await msal.acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] });
      if (!result) throw new Error('MSAL returned no token');
      return result.accessToken;
    },
  };
  const customHosts = new Set([host.hostname]);
  if (!connection.trust)
    return { msal, graph: Client.initWithMiddleware({ authProvider, baseUrl: connection.baseUrl, customHosts }) };
  // In-process, the last middleware fetches with the trusting fetch instead of the global one.
  const trustingFetch = connection.trust.fetch;
  const fetchHandler: Middleware = {
    execute: async (context: Context) => {
      context.response = await trustingFetch(context.request, context.options);
    },
  };
  const chain = [
    new AuthenticationHandler(authProvider),
    new RetryHandler(),
    new RedirectHandler(),
    new TelemetryHandler(),
    fetchHandler,
  ];
  for (let index = 0; index < chain.length - 1; index++)
    (chain[index] as { setNext(next: Middleware): void }).setNext(chain[index + 1]!);
  return {
    msal,
    graph: Client.initWithMiddleware({ middleware: chain[0]!, baseUrl: connection.baseUrl, customHosts }),
  };
}

/** What the SDK scenario does against the emulator; run in-process and in a child process. */
export async function runSdkScenario(graph: Client, room: string) {
  const created = (await graph.api(`/users/${room}/events`).post({
    subject: 'SDK meeting',
    start: { dateTime: '2027-03-02T10:00:00', timeZone: 'W. Europe Standard Time' },
    end: { dateTime: '2027-03-02T11:00:00', timeZone: 'W. Europe Standard Time' },
    transactionId: 'sdk-1',
    singleValueExtendedProperties: [
      { id: 'String {66f5a359-4659-4830-9070-00040ec6ac6e} Name WorkplaceBookingId', value: 'R-9' },
    ],
  })) as { id: string };
  await graph.api(`/users/${room}/events`).post({
    subject: 'Second',
    start: { dateTime: '2027-03-03T10:00:00', timeZone: 'UTC' },
    end: { dateTime: '2027-03-03T11:00:00', timeZone: 'UTC' },
  });
  const read = (await graph
    .api(`/users/${room}/events/${created.id}`)
    .header('Prefer', 'outlook.timezone="W. Europe Standard Time"')
    .expand(
      "singleValueExtendedProperties($filter=id eq 'String {66f5a359-4659-4830-9070-00040ec6ac6e} Name WorkplaceBookingId')",
    )
    .get()) as { start: { dateTime: string }; singleValueExtendedProperties: Array<{ value: string }> };
  // nextLinks are absolute https URLs on the emulator, which the SDK follows as they are.
  const subjects: string[] = [];
  let page = (await graph.api(`/users/${room}/events`).top(1).select('subject').get()) as {
    value: Array<{ subject: string }>;
    '@odata.nextLink'?: string;
  };
  subjects.push(...page.value.map((event) => event.subject));
  while (page['@odata.nextLink']) {
    page = (await graph.api(page['@odata.nextLink']).get()) as typeof page;
    subjects.push(...page.value.map((event) => event.subject));
  }
  const delta = (await graph
    .api(`/users/${room}/calendarView/delta`)
    .query({ startDateTime: '2027-03-01T00:00:00Z', endDateTime: '2027-04-01T00:00:00Z' })
    .get()) as { value: unknown[]; '@odata.deltaLink'?: string };
  const nextRound = (await graph.api(delta['@odata.deltaLink']!).get()) as { value: unknown[] };
  return {
    start: read.start.dateTime,
    marker: read.singleValueExtendedProperties[0]?.value,
    subjects,
    deltaCount: delta.value.length,
    nextRoundCount: nextRound.value.length,
  };
}
