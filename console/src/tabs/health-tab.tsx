import { useState } from 'react';
import type { AdminApiClient } from '../api/admin-api-client.js';
import { ActivitySection } from '../components/activity-section.js';
import { HealthView } from '../components/health-view.js';
import { messageOf } from '../format.js';
import { useLoaded } from '../hooks/use-loaded.js';
import { ErrorBar, LoadingOrError } from '../components/error-bar.js';
import { useLocalizer } from '../i18n/use-localizer.js';

/** The sync's activity over time (charts), then health per room with "repair now". */
export function HealthTab({ api, announce }: { api: AdminApiClient; announce: (text: string) => void }) {
  const { t } = useLocalizer();
  const health = useLoaded(() => api.roomHealth());
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <ActivitySection api={api} />
      {health.data ? (
        <>
          <ErrorBar message={error} />
          <HealthView
            rooms={health.data.rooms}
            onRepair={async (mailbox) => {
              try {
                await api.repair(mailbox);
                announce(t('health.repairQueued', { mailbox }));
                health.reload();
              } catch (failure) {
                setError(messageOf(failure));
              }
            }}
          />
        </>
      ) : (
        <LoadingOrError error={health.error} label={t('health.loading')} />
      )}
    </>
  );
}
