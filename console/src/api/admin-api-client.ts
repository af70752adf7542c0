import type {
  AdminUser,
  BulkLinkResult,
  ConsoleConfig,
  CutoverPlan,
  CutoverSwitchResult,
  DriftReport,
  FailedItem,
  FailedItems,
  LinkProposals,
  LinkRequest,
  LinkResult,
  RoomHealthList,
  RoomLinks,
  SyncLogPage,
  SyncLogQuery,
  SyncProgress,
} from '@workplace-sync/shared';

// Types only from the shared contract: the server validates every request and answer with the same zod
// schemas, so the console carries no zod in its bundle.

/** A token for the admin API; `forceRefresh` after the server refused the previous one. */
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

async function errorOf(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string } };
    return new ApiError(response.status, body.error?.code ?? `HTTP_${response.status}`, body.error?.message ?? '');
  } catch {
    return new ApiError(response.status, `HTTP_${response.status}`, response.statusText || `HTTP ${response.status}`);
  }
}

const searchOf = (query: Record<string, string | number | undefined>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
};

/** The console's configuration (public): how to sign in. */
export async function fetchConsoleConfig(): Promise<ConsoleConfig> {
  const response = await fetch('/admin/console-config.json');
  if (!response.ok) throw await errorOf(response);
  return (await response.json()) as ConsoleConfig;
}

/** The admin API, one method per operation. */
export function createAdminApiClient(getToken: TokenSource) {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const send = async (forceRefresh: boolean) =>
      fetch(path, {
        method,
        headers: {
          authorization: `Bearer ${await getToken({ forceRefresh })}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    let response = await send(false);
    if (response.status === 401) response = await send(true);
    if (!response.ok) throw await errorOf(response);
    return (await response.json()) as T;
  }
  const mailboxPath = (mailbox: string) => encodeURIComponent(mailbox);

  return {
    me: () => call<AdminUser>('GET', '/admin/api/me'),
    roomHealth: () => call<RoomHealthList>('GET', '/admin/api/rooms'),
    roomLinks: () => call<RoomLinks>('GET', '/admin/api/room-links'),
    link: (request: LinkRequest) => call<LinkResult>('POST', '/admin/api/room-links', request),
    unlink: (mailbox: string) => call<{ mailbox: string }>('DELETE', `/admin/api/room-links/${mailboxPath(mailbox)}`),
    progress: (mailbox: string) => call<SyncProgress>('GET', `/admin/api/room-links/${mailboxPath(mailbox)}/progress`),
    propose: (by: Array<'email' | 'name'>) => call<LinkProposals>('POST', '/admin/api/room-links/proposals', { by }),
    bulkLink: (links: LinkRequest[]) => call<BulkLinkResult>('POST', '/admin/api/room-links/bulk', { links }),
    syncLog: (query: SyncLogQuery) =>
      call<SyncLogPage>('GET', `/admin/api/sync-log${searchOf(query as Record<string, string | number | undefined>)}`),
    drift: () => call<DriftReport>('GET', '/admin/api/drift'),
    repair: (mailbox: string) => call<{ queued: true }>('POST', `/admin/api/rooms/${mailboxPath(mailbox)}/resync`),
    failedItems: (state: 'open' | 'retried') => call<FailedItems>('GET', `/admin/api/failed-items?state=${state}`),
    retry: (id: string) => call<FailedItem>('POST', `/admin/api/failed-items/${encodeURIComponent(id)}/retry`),
    dismiss: (id: string) => call<FailedItem>('POST', `/admin/api/failed-items/${encodeURIComponent(id)}/dismiss`),
    cutoverDryRun: (request: LinkRequest) => call<CutoverPlan>('POST', '/admin/api/cutover/dry-run', request),
    cutoverSwitch: (request: LinkRequest) => call<CutoverSwitchResult>('POST', '/admin/api/cutover/switch', request),
  };
}

export type AdminApiClient = ReturnType<typeof createAdminApiClient>;
