import { Button, Spinner, makeStyles } from '@fluentui/react-components';
import type { SyncLogEntry } from '@workplace-sync/shared';
import { useEffect, useState } from 'react';
import type { AdminApiClient } from '../api/admin-api-client.js';
import { DriftPanel } from '../components/drift-panel.js';
import { NO_FILTER, SyncLogFilters, toInstant } from '../components/sync-log-filters.js';
import type { SyncLogFilter } from '../components/sync-log-filters.js';
import { SyncLogTable } from '../components/sync-log-table.js';
import { messageOf } from '../format.js';
import { useLoaded } from '../hooks/use-loaded.js';
import { ErrorBar } from '../components/error-bar.js';
import { panelHeadingStyle, scrollingPanelStyle } from '../components/panel-styles.js';

const PAGE_SIZE = 50;
const useStyles = makeStyles({
  panel: scrollingPanelStyle,
  heading: panelHeadingStyle,
});

/** The sync log (searched and paged by the server) and the drift found by reconciliation. */
export function SyncLogTab({ api, announce }: { api: AdminApiClient; announce: (text: string) => void }) {
  const styles = useStyles();
  const drift = useLoaded(() => api.drift());
  const [filter, setFilter] = useState<SyncLogFilter | null>(null);
  const [entries, setEntries] = useState<SyncLogEntry[] | null>(null);
  const [nextCursor, setNextCursor] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isLoading, setIsLoading] = useState(false);

  const search = async (wanted: SyncLogFilter, before?: number) => {
    setIsLoading(true);
    setError(null);
    try {
      const page = await api.syncLog({
        mailbox: wanted.mailbox || undefined,
        organizer: wanted.organizer || undefined,
        action: (wanted.action || undefined) as never,
        from: toInstant(wanted.from),
        to: toInstant(wanted.to),
        before,
        limit: PAGE_SIZE,
      });
      setEntries((current) => (before && current ? [...current, ...page.entries] : page.entries));
      setNextCursor(page.nextCursor);
      setFilter(wanted);
      const count = `${page.entries.length} ${before ? 'more ' : ''}sync log ${page.entries.length === 1 ? 'entry' : 'entries'}`;
      announce(count);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setIsLoading(false);
    }
  };

  // The newest entries when the tab opens (once); the form narrows them down.
  useEffect(() => {
    void search(NO_FILTER);
  }, []);

  return (
    <>
      <section className={styles.panel} aria-labelledby="log-heading">
        <h2 id="log-heading" className={styles.heading}>
          Sync log
        </h2>
        <SyncLogFilters onSearch={(wanted) => void search(wanted)} />
        <ErrorBar message={error} />
        {isLoading ? <Spinner size="tiny" label="Searching" /> : null}
        {entries && entries.length === 0 ? <p>Nothing matches.</p> : null}
        {entries && entries.length > 0 ? <SyncLogTable entries={entries} /> : null}
        {nextCursor && filter ? (
          <Button disabled={isLoading} onClick={() => void search(filter, nextCursor)}>
            Older entries
          </Button>
        ) : null}
      </section>
      <section className={styles.panel} aria-labelledby="drift-heading">
        <h2 id="drift-heading" className={styles.heading}>
          Drift found by reconciliation
        </h2>
        {drift.data ? (
          <DriftPanel
            report={drift.data}
            onRepair={async (mailbox) => {
              try {
                await api.repair(mailbox);
                announce(`A full resync of ${mailbox} is queued`);
              } catch (failure) {
                setError(messageOf(failure));
              }
            }}
          />
        ) : (
          <Spinner size="tiny" label="Loading drift" />
        )}
      </section>
    </>
  );
}
