import { Spinner, makeStyles } from '@fluentui/react-components';
import { useState } from 'react';
import type { AdminApiClient } from '../api/admin-api-client.js';
import { FailedItemsView } from '../components/failed-items-view.js';
import { messageOf } from '../format.js';
import { useLoaded } from '../hooks/use-loaded.js';
import { ErrorBar } from '../components/error-bar.js';
import { panelHeadingStyle, scrollingPanelStyle } from '../components/panel-styles.js';

const useStyles = makeStyles({
  panel: scrollingPanelStyle,
  heading: panelHeadingStyle,
});

/** Open failed items and those already retried. */
export function FailedItemsTab({ api, announce }: { api: AdminApiClient; announce: (text: string) => void }) {
  const styles = useStyles();
  const open = useLoaded(() => api.failedItems('open'));
  const retried = useLoaded(() => api.failedItems('retried'));
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <ErrorBar message={error} />
      <section className={styles.panel} aria-labelledby="open-heading">
        <h2 id="open-heading" className={styles.heading}>
          Failed items
        </h2>
        {open.data ? (
          <FailedItemsView
            items={open.data.items}
            onRetry={async (item) => {
              try {
                await api.retry(item.id);
                announce(`${item.kind} for ${item.key} sent back to the queue`);
              } catch (failure) {
                setError(messageOf(failure));
              } finally {
                open.reload();
                retried.reload();
              }
            }}
            onDismiss={async (item) => {
              try {
                await api.dismiss(item.id);
                announce(`${item.kind} for ${item.key} dismissed`);
              } catch (failure) {
                setError(messageOf(failure));
              } finally {
                open.reload();
                retried.reload();
              }
            }}
          />
        ) : (
          <Spinner size="tiny" label="Loading failed items" />
        )}
      </section>
      <section className={styles.panel} aria-labelledby="retried-heading">
        <h2 id="retried-heading" className={styles.heading}>
          Closed (retried, dismissed or synced)
        </h2>
        {retried.data ? <FailedItemsView items={retried.data.items} onRetry={() => undefined} /> : null}
      </section>
    </>
  );
}
