import { useState } from 'react';
import type { AdminApiClient } from '../api/admin-api-client.js';
import { HealthView } from '../components/health-view.js';
import { messageOf } from '../format.js';
import { useLoaded } from '../hooks/use-loaded.js';
import { ErrorBar, LoadingOrError } from '../components/error-bar.js';

/** Health per room, with "repair now". */
export function HealthTab({ api, announce }: { api: AdminApiClient; announce: (text: string) => void }) {
  const health = useLoaded(() => api.roomHealth());
  const [error, setError] = useState<string | null>(null);
  if (!health.data) {
    return <LoadingOrError error={health.error} label="Loading room health" />;
  }
  return (
    <>
      <ErrorBar message={error} />
      <HealthView
        rooms={health.data.rooms}
        onRepair={async (mailbox) => {
          try {
            await api.repair(mailbox);
            announce(`A full resync of ${mailbox} is queued`);
            health.reload();
          } catch (failure) {
            setError(messageOf(failure));
          }
        }}
      />
    </>
  );
}
