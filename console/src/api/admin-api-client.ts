import { createApiCaller, fetchPublicJson, toPath, toQueryString } from '@workplace-sync/shared';
import type {
  ActivityQuery,
  ActivityReport,
  AdminUser,
  BookedHoursReport,
  BulkLinkResult,
  ConsoleConfig,
  CutoverPlan,
  CutoverSwitchResult,
  DriftReport,
  FailedItem,
  FailedItemCount,
  FailedItems,
  LinkProposals,
  LinkRequest,
  LinkResult,
  RoomHealthList,
  RoomLinks,
  SyncLogPage,
  SyncLogQuery,
  SyncProgress,
  SyncProgressList,
  TokenSource,
} from '@workplace-sync/shared';

// The admin API's endpoints on the shared client (shared/src/api-client: bearer token, one retry after a
// 401, ApiError). Of the contract only its types: the server validates every request and answer with
// the same zod schemas, so the console carries no zod in its bundle.

/** The console's configuration (public): how to sign in. */
export const fetchConsoleConfig = (): Promise<ConsoleConfig> =>
  fetchPublicJson<ConsoleConfig>('/admin/console-config.json');

/** The admin API, one method per operation. */
export function createAdminApiClient(getToken: TokenSource) {
  const call = createApiCaller({ getToken });
  return {
    me: () => call<AdminUser>('GET', '/admin/api/me'),
    roomHealth: () => call<RoomHealthList>('GET', '/admin/api/rooms'),
    roomLinks: () => call<RoomLinks>('GET', '/admin/api/room-links'),
    link: (request: LinkRequest) => call<LinkResult>('POST', '/admin/api/room-links', request),
    unlink: (mailbox: string) =>
      call<{ mailbox: string }>('DELETE', toPath('/admin/api/room-links/:mailbox', { mailbox })),
    progress: (mailbox: string) =>
      call<SyncProgress>('GET', toPath('/admin/api/room-links/:mailbox/progress', { mailbox })),
    progressOf: (mailboxes: string[]) =>
      call<SyncProgressList>('POST', '/admin/api/room-links/progress', { mailboxes }),
    propose: (by: Array<'email' | 'name'>) => call<LinkProposals>('POST', '/admin/api/room-links/proposals', { by }),
    bulkLink: (links: LinkRequest[]) => call<BulkLinkResult>('POST', '/admin/api/room-links/bulk', { links }),
    syncLog: (query: SyncLogQuery) =>
      call<SyncLogPage>(
        'GET',
        // Its numbers are coerced on the server, so their input type is `unknown`.
        `/admin/api/sync-log${toQueryString(query as Record<string, string | number | undefined>)}`,
      ),
    drift: () => call<DriftReport>('GET', '/admin/api/drift'),
    activity: (query: ActivityQuery) => call<ActivityReport>('GET', `/admin/api/activity${toQueryString(query)}`),
    bookedHours: (query: ActivityQuery) =>
      call<BookedHoursReport>('GET', `/admin/api/activity/booked-hours${toQueryString(query)}`),
    repair: (mailbox: string) =>
      call<{ queued: true }>('POST', toPath('/admin/api/rooms/:mailbox/resync', { mailbox })),
    failedItems: (state: 'open' | 'retried') =>
      call<FailedItems>('GET', `/admin/api/failed-items${toQueryString({ state })}`),
    retry: (id: string) => call<FailedItem>('POST', toPath('/admin/api/failed-items/:id/retry', { id })),
    dismiss: (id: string) => call<FailedItem>('POST', toPath('/admin/api/failed-items/:id/dismiss', { id })),
    payload: (id: string) => call<{ payload: unknown }>('GET', toPath('/admin/api/failed-items/:id/payload', { id })),
    failedItemCount: () => call<FailedItemCount>('GET', '/admin/api/failed-items/count'),
    cutoverDryRun: (request: LinkRequest) => call<CutoverPlan>('POST', '/admin/api/cutover/dry-run', request),
    cutoverSwitch: (request: LinkRequest) => call<CutoverSwitchResult>('POST', '/admin/api/cutover/switch', request),
  };
}

export type AdminApiClient = ReturnType<typeof createAdminApiClient>;
