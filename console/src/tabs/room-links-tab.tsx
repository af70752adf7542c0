import type { BulkLinkResult, LinkProposal } from '@workplace-sync/shared';
import { useState } from 'react';
import type { AdminApiClient } from '../api/admin-api-client.js';
import { BulkLinkPanel } from '../components/bulk-link-panel.js';
import { RoomLinksView } from '../components/room-links-view.js';
import { messageOf } from '../format.js';
import { useLoaded } from '../hooks/use-loaded.js';
import { useSyncProgress } from '../hooks/use-sync-progress.js';
import { ErrorBar, LoadingOrError } from '../components/error-bar.js';

/** Room links: both directories side by side, linking and unlinking, bulk links, the first sync's progress. */
export function RoomLinksTab({ api, announce }: { api: AdminApiClient; announce: (text: string) => void }) {
  const links = useLoaded(() => api.roomLinks());
  const [busyArea, setBusyArea] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [proposals, setProposals] = useState<LinkProposal[] | null>(null);
  const [results, setResults] = useState<BulkLinkResult['results'] | null>(null);
  const [isBulkBusy, setIsBulkBusy] = useState(false);
  const { progress, watch } = useSyncProgress(api, (settled) =>
    announce(
      settled.state === 'finished'
        ? `The first sync of ${settled.mailbox} finished`
        : `The first sync of ${settled.mailbox} failed: ${settled.error ?? 'unknown error'}`,
    ),
  );

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
    return <LoadingOrError error={links.error} label="Loading rooms" />;
  }
  return (
    <>
      <ErrorBar message={error} />
      <BulkLinkPanel
        proposals={proposals}
        results={results}
        isBusy={isBulkBusy}
        onPropose={async (by) => {
          setIsBulkBusy(true);
          setResults(null);
          try {
            const found = (await api.propose(by)).proposals;
            setProposals(found);
            announce(`${found.length} proposed links`);
          } catch (failure) {
            setError(messageOf(failure));
          } finally {
            setIsBulkBusy(false);
          }
        }}
        onApply={async (picked) => {
          setIsBulkBusy(true);
          try {
            const applied = (await api.bulkLink(picked.map(({ areaId, mailbox }) => ({ areaId, mailbox })))).results;
            setResults(applied);
            setProposals(null);
            for (const result of applied)
              if (result.outcome === 'linked')
                watch({ mailbox: result.mailbox, state: 'queued', attempts: 0, finishedAt: null, error: null });
            announce(`${applied.filter((result) => result.outcome === 'linked').length} rooms linked`);
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
        onLink={(areaId, mailbox) =>
          act(areaId, async () => {
            const linked = await api.link({ areaId, mailbox });
            watch(linked.progress);
            announce(`${mailbox} linked; its first sync is ${linked.progress.state}`);
          })
        }
        onUnlink={(mailbox) =>
          act(null, async () => {
            await api.unlink(mailbox);
            announce(`${mailbox} unlinked: its sync stopped`);
          })
        }
      />
    </>
  );
}
