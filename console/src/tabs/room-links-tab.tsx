import type { BulkLinkResult, LinkProposal } from '@workplace-sync/shared';
import { useRef, useState } from 'react';
import type { AdminApiClient } from '../api/admin-api-client.js';
import { BulkLinkPanel } from '../components/bulk-link-panel.js';
import { RoomLinksView } from '../components/room-links-view.js';
import type { RoomLinksFilter } from '../console-route.js';
import { messageOf } from '../format.js';
import { useLoaded } from '../hooks/use-loaded.js';
import { queuedProgress, useSyncProgress } from '../hooks/use-sync-progress.js';
import { ErrorBar, LoadingOrError } from '../components/error-bar.js';
import { useLocalizer } from '../i18n/use-localizer.js';

/** Links per bulk-link request (the API takes up to 200; 50 keeps each answer well inside the client's 15 s timeout). */
const BULK_LINK_SIZE = 50;

/** Room links: both directories side by side, linking and unlinking, bulk links, the first sync's progress. */
export function RoomLinksTab({
  api,
  announce,
  filter,
  onFilterChange,
}: {
  api: AdminApiClient;
  announce: (text: string) => void;
  /** The search and pages (in the URL). */
  filter: RoomLinksFilter;
  onFilterChange: (filter: RoomLinksFilter) => void;
}) {
  const { t } = useLocalizer();
  const links = useLoaded(() => api.roomLinks());
  const [busyArea, setBusyArea] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [proposals, setProposals] = useState<LinkProposal[] | null>(null);
  const [results, setResults] = useState<BulkLinkResult['results'] | null>(null);
  const [isBulkBusy, setIsBulkBusy] = useState(false);
  // The rooms of the latest bulk link, followed together in one bar (and announced once, when all settled).
  const [bulkMailboxes, setBulkMailboxes] = useState<string[]>([]);
  const bulkRef = useRef(new Set<string>());
  const { progress, watch } = useSyncProgress(api, (settled) => {
    if (bulkRef.current.delete(settled.mailbox)) {
      if (bulkRef.current.size === 0) announce(t('roomLinks.bulkDone'));
      return;
    }
    announce(
      settled.state === 'finished'
        ? t('roomLinks.syncFinished', { mailbox: settled.mailbox })
        : t('roomLinks.syncFailed', { mailbox: settled.mailbox, error: settled.error ?? t('roomLinks.unknownError') }),
    );
  });
  const bulkProgress = bulkMailboxes.map((mailbox) => progress[mailbox] ?? queuedProgress(mailbox));

  const act = async (areaId: string | null, work: () => Promise<void>) => {
    setBusyArea(areaId);
    setError(null);
    try {
      await work();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusyArea(null);
      links.reload();
    }
  };

  if (!links.data) {
    return <LoadingOrError error={links.error} label={t('roomLinks.loading')} />;
  }
  return (
    <>
      <ErrorBar message={error} />
      <BulkLinkPanel
        proposals={proposals}
        results={results}
        bulkProgress={bulkProgress}
        isBusy={isBulkBusy}
        onPropose={async (by) => {
          setIsBulkBusy(true);
          setResults(null);
          try {
            const found = (await api.propose(by)).proposals;
            setProposals(found);
            announce(t('roomLinks.proposed', { count: found.length }));
          } catch (failure) {
            setError(messageOf(failure));
          } finally {
            setIsBulkBusy(false);
          }
        }}
        onApply={async (picked) => {
          setIsBulkBusy(true);
          try {
            const applied: BulkLinkResult['results'] = [];
            // The API takes BULK_LINK_SIZE links a request: a bulk of 1,000 rooms is a few requests.
            for (let start = 0; start < picked.length; start += BULK_LINK_SIZE) {
              const chunk = picked.slice(start, start + BULK_LINK_SIZE);
              applied.push(...(await api.bulkLink(chunk.map(({ areaId, mailbox }) => ({ areaId, mailbox })))).results);
            }
            setResults(applied);
            setProposals(null);
            const linked = applied.filter((result) => result.outcome === 'linked').map((result) => result.mailbox);
            bulkRef.current = new Set(linked);
            setBulkMailboxes(linked);
            watch(linked.map(queuedProgress));
            announce(t('roomLinks.linkedRooms', { count: linked.length }));
          } catch (failure) {
            setError(messageOf(failure));
          } finally {
            setIsBulkBusy(false);
            links.reload();
          }
        }}
      />
      <RoomLinksView
        links={links.data}
        progress={progress}
        busyArea={busyArea}
        filter={filter}
        onFilterChange={onFilterChange}
        onLink={(areaId, mailbox) =>
          act(areaId, async () => {
            const linked = await api.link({ areaId, mailbox });
            watch([linked.progress]);
            announce(t('roomLinks.linked', { mailbox, state: t(`roomLinks.syncState.${linked.progress.state}`) }));
          })
        }
        onUnlink={(mailbox) =>
          act(null, async () => {
            await api.unlink(mailbox);
            announce(t('roomLinks.unlinked', { mailbox }));
          })
        }
      />
    </>
  );
}
