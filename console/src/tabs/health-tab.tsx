import { MessageBar, MessageBarBody, Spinner } from '@fluentui/react-components';
import { useState } from 'react';
import type { AdminApiClient } from '../api/admin-api-client.js';
import { HealthView } from '../components/health-view.js';
import { messageOf } from '../format.js';
import { useLoaded } from '../hooks/use-loaded.js';

/** Health per room, with "repair now". */
export function HealthTab({ api, announce }: { api: AdminApiClient; announce: (text: string) => void }) {
  const health = useLoaded(() => api.roomHealth());
  const [error, setError] = useState<string | null>(null);
  if (!health.data) {
    return health.error ? (
      <MessageBar intent="error">
        <MessageBarBody>{health.error}</MessageBarBody>
      </MessageBar>
    ) : (
      <Spinner label="Loading room health" />
    );
  }
  return (
    <>
      {error ? (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      ) : null}
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
