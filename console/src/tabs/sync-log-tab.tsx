import { Button, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import type { SyncLogEntry } from '@workplace-sync/shared';
import { useEffect, useState } from 'react';
import type { AdminApiClient } from '../api/admin-api-client.js';
import { DriftPanel } from '../components/drift-panel.js';
import { SyncLogFilters, toInstant } from '../components/sync-log-filters.js';
import { NO_FILTER } from '../console-route.js';
import type { SyncLogFilter } from '../console-route.js';
import { SyncLogTable } from '../components/sync-log-table.js';
import { messageOf } from '../format.js';
import { toSyncLogCsv } from '../sync-log-csv.js';
import { useLoaded } from '../hooks/use-loaded.js';
import { ErrorBar } from '../components/error-bar.js';
import { panelHeadingStyle, scrollingPanelStyle } from '../components/panel-styles.js';
import { useLocalizer } from '../i18n/use-localizer.js';

const PAGE_SIZE = 50;
const useStyles = makeStyles({
  panel: scrollingPanelStyle,
  heading: panelHeadingStyle,
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', marginTop: tokens.spacingVerticalS },
});

/** Most entries one CSV export holds (pages of 200 from the API, newest first). */
const EXPORT_LIMIT = 10_000;

const queryOf = (wanted: SyncLogFilter, before: number | undefined, limit: number) => ({
  room: wanted.room || undefined,
  organizer: wanted.organizer || undefined,
  action: (wanted.action || undefined) as never,
  from: toInstant(wanted.from),
  to: toInstant(wanted.to),
  housekeeping: wanted.housekeeping ? 'true' : undefined,
  before,
  limit,
});

/** Offers `text` as a file download. */
function download(fileName: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** The sync log (searched and paged by the server) and the drift found by reconciliation. */
export function SyncLogTab({
  api,
  announce,
  initialFilter = NO_FILTER,
  onFilterChange,
}: {
  api: AdminApiClient;
  announce: (text: string) => void;
  /** The search to run as the tab opens (from the URL). */
  initialFilter?: SyncLogFilter;
  onFilterChange?: (filter: SyncLogFilter) => void;
}) {
  const styles = useStyles();
  const { t } = useLocalizer();
  const drift = useLoaded(() => api.drift());
  const [filter, setFilter] = useState<SyncLogFilter | null>(null);
  const [isExporting, setIsExporting] = useState(false);
  const [entries, setEntries] = useState<SyncLogEntry[] | null>(null);
  const [nextCursor, setNextCursor] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isLoading, setIsLoading] = useState(false);

  const search = async (wanted: SyncLogFilter, before?: number) => {
    setIsLoading(true);
    setError(null);
    try {
      const page = await api.syncLog(queryOf(wanted, before, PAGE_SIZE));
      setEntries((current) => (before && current ? [...current, ...page.entries] : page.entries));
      setNextCursor(page.nextCursor);
      setFilter(wanted);
      if (!before) onFilterChange?.(wanted);
      announce(t(before ? 'syncLog.foundMore' : 'syncLog.found', { count: page.entries.length }));
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setIsLoading(false);
    }
  };

  /** Every entry of the current search (up to EXPORT_LIMIT), as a CSV file. */
  const exportCsv = async (wanted: SyncLogFilter) => {
    setIsExporting(true);
    setError(null);
    try {
      const all: SyncLogEntry[] = [];
      let before: number | undefined;
      do {
        const page = await api.syncLog(queryOf(wanted, before, 200));
        all.push(...page.entries);
        before = page.nextCursor ?? undefined;
      } while (before && all.length < EXPORT_LIMIT);
      const rows = all.slice(0, EXPORT_LIMIT);
      download(
        `sync-log-${new Date().toISOString().slice(0, 16).replace(/[:T]/g, '-')}.csv`,
        toSyncLogCsv(rows),
        'text/csv',
      );
      announce(t('syncLog.exported', { count: rows.length }));
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setIsExporting(false);
    }
  };

  // The search in the URL (else the newest entries) when the tab opens, once; the form narrows it down.
  useEffect(() => {
    void search(initialFilter);
  }, []);

  return (
    <>
      <section className={styles.panel} aria-labelledby="log-heading">
        <h2 id="log-heading" className={styles.heading}>
          {t('syncLog.heading')}
        </h2>
        <SyncLogFilters initial={initialFilter} onSearch={(wanted) => void search(wanted)} />
        <ErrorBar message={error} />
        {isLoading ? <Spinner size="tiny" label={t('syncLog.searching')} /> : null}
        {entries && entries.length === 0 ? <p>{t('syncLog.nothing')}</p> : null}
        {entries && entries.length > 0 ? <SyncLogTable entries={entries} /> : null}
        <div className={styles.actions}>
          {nextCursor && filter ? (
            <Button disabled={isLoading} onClick={() => void search(filter, nextCursor)}>
              {t('syncLog.older')}
            </Button>
          ) : null}
          {filter && entries && entries.length > 0 ? (
            <Button disabled={isExporting} onClick={() => void exportCsv(filter)}>
              {isExporting ? t('syncLog.exporting') : t('syncLog.export')}
            </Button>
          ) : null}
        </div>
      </section>
      <section className={styles.panel} aria-labelledby="drift-heading">
        <h2 id="drift-heading" className={styles.heading}>
          {t('drift.heading')}
        </h2>
        {drift.data ? (
          <DriftPanel
            report={drift.data}
            onRepair={async (mailbox) => {
              try {
                await api.repair(mailbox);
                announce(t('drift.queued', { mailbox }));
              } catch (failure) {
                setError(messageOf(failure));
              }
            }}
          />
        ) : (
          <Spinner size="tiny" label={t('drift.loading')} />
        )}
      </section>
    </>
  );
}
