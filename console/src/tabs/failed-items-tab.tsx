import { Spinner, makeStyles } from '@fluentui/react-components';
import type { FailedItem } from '@workplace-sync/shared';
import { useState } from 'react';
import type { AdminApiClient } from '../api/admin-api-client.js';
import { FailedItemsView } from '../components/failed-items-view.js';
import { messageOf } from '../format.js';
import { useLoaded } from '../hooks/use-loaded.js';
import { ErrorBar } from '../components/error-bar.js';
import { panelHeadingStyle, scrollingPanelStyle } from '../components/panel-styles.js';
import { useLocalizer } from '../i18n/use-localizer.js';

const useStyles = makeStyles({
  panel: scrollingPanelStyle,
  heading: panelHeadingStyle,
});

/** Open failed items and those already closed; `onChanged` after each action (the tab's badge). */
export function FailedItemsTab({
  api,
  announce,
  onChanged,
}: {
  api: AdminApiClient;
  announce: (text: string) => void;
  onChanged?: () => void;
}) {
  const styles = useStyles();
  const { t } = useLocalizer();
  const open = useLoaded(() => api.failedItems('open'));
  const retried = useLoaded(() => api.failedItems('retried'));
  const [error, setError] = useState<string | null>(null);
  const act = async (work: () => Promise<void>) => {
    setError(null);
    try {
      await work();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      open.reload();
      retried.reload();
      onChanged?.();
    }
  };
  const loadPayload = async (item: FailedItem) => (await api.payload(item.id)).payload;
  return (
    <>
      <ErrorBar message={error} />
      <section className={styles.panel} aria-labelledby="open-heading">
        <h2 id="open-heading" className={styles.heading}>
          {open.data ? t('failed.headingCount', { count: open.data.items.length }) : t('failed.heading')}
        </h2>
        {open.data ? (
          <FailedItemsView
            items={open.data.items}
            label={t('failed.open')}
            loadPayload={loadPayload}
            onRetry={(item) =>
              act(async () => {
                await api.retry(item.id);
                announce(t('failed.retried', { kind: item.kind, key: item.key }));
              })
            }
            onDismiss={(item) =>
              act(async () => {
                await api.dismiss(item.id);
                announce(t('failed.dismissed', { kind: item.kind, key: item.key }));
              })
            }
          />
        ) : (
          <Spinner size="tiny" label={t('failed.loading')} />
        )}
      </section>
      <section className={styles.panel} aria-labelledby="retried-heading">
        <h2 id="retried-heading" className={styles.heading}>
          {t('failed.closedHeading')}
        </h2>
        {retried.data ? (
          <FailedItemsView items={retried.data.items} label={t('failed.closed')} loadPayload={loadPayload} />
        ) : null}
      </section>
    </>
  );
}
