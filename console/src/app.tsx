import { Button, CounterBadge, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useState } from 'react';
import type { AdminApiClient } from './api/admin-api-client.js';
import { ConsoleShell } from './components/console-shell.js';
import { CutoverTab } from './tabs/cutover-tab.js';
import { FailedItemsTab } from './tabs/failed-items-tab.js';
import { HealthTab } from './tabs/health-tab.js';
import { RoomLinksTab } from './tabs/room-links-tab.js';
import { SyncLogTab } from './tabs/sync-log-tab.js';
import { useOpenFailedCount } from './hooks/use-open-failed-count.js';

const TABS = {
  links: { label: 'Room links', View: RoomLinksTab },
  health: { label: 'Health', View: HealthTab },
  log: { label: 'Sync log', View: SyncLogTab },
  failed: { label: 'Failed items', View: FailedItemsTab },
  cutover: { label: 'Cutover', View: CutoverTab },
} as const;
type TabName = keyof typeof TABS;

const useStyles = makeStyles({
  views: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

/** The console once signed in: one view at a time, each loading its own data. */
export function App({ api, user }: { api: AdminApiClient; user: string }) {
  const [tab, setTab] = useState<TabName>('links');
  const [announcement, setAnnouncement] = useState('');
  const announce = useCallback((text: string) => setAnnouncement(text), []);
  const styles = useStyles();
  const failed = useOpenFailedCount(api);
  const { View } = TABS[tab];
  return (
    <ConsoleShell user={user} announcement={announcement}>
      {/* Plain buttons rather than Fluent's TabList, whose focus sentinels (aria-hidden yet focusable) axe reports. */}
      <nav aria-label="Views" className={styles.views}>
        {(Object.keys(TABS) as TabName[]).map((name) => (
          <Button
            key={name}
            appearance={name === tab ? 'primary' : 'subtle'}
            aria-current={name === tab ? 'page' : undefined}
            onClick={() => setTab(name)}
            icon={
              name === 'failed' && failed.count ? (
                <CounterBadge count={failed.count} overflowCount={999} color="danger" size="small" aria-hidden />
              ) : undefined
            }
            iconPosition="after"
            aria-label={name === 'failed' && failed.count ? `${TABS[name].label} (${failed.count} open)` : undefined}
          >
            {TABS[name].label}
          </Button>
        ))}
      </nav>
      {tab === 'failed' ? (
        <FailedItemsTab api={api} announce={announce} onChanged={failed.refresh} />
      ) : (
        <View api={api} announce={announce} />
      )}
    </ConsoleShell>
  );
}
