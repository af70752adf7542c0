import { Tab, TabList } from '@fluentui/react-components';
import { useCallback, useState } from 'react';
import type { AdminApiClient } from './api/admin-api-client.js';
import { ConsoleShell } from './components/console-shell.js';
import { CutoverTab } from './tabs/cutover-tab.js';
import { FailedItemsTab } from './tabs/failed-items-tab.js';
import { HealthTab } from './tabs/health-tab.js';
import { RoomLinksTab } from './tabs/room-links-tab.js';
import { SyncLogTab } from './tabs/sync-log-tab.js';

const TABS = {
  links: { label: 'Room links', View: RoomLinksTab },
  health: { label: 'Health', View: HealthTab },
  log: { label: 'Sync log', View: SyncLogTab },
  failed: { label: 'Failed items', View: FailedItemsTab },
  cutover: { label: 'Cutover', View: CutoverTab },
} as const;
type TabName = keyof typeof TABS;

/** The console once signed in: one view per tab, each loading its own data. */
export function App({ api, user }: { api: AdminApiClient; user: string }) {
  const [tab, setTab] = useState<TabName>('links');
  const [announcement, setAnnouncement] = useState('');
  const announce = useCallback((text: string) => setAnnouncement(text), []);
  const { View } = TABS[tab];
  return (
    <ConsoleShell user={user} announcement={announcement}>
      <TabList selectedValue={tab} onTabSelect={(_event, data) => setTab(data.value as TabName)} aria-label="Views">
        {Object.entries(TABS).map(([name, { label }]) => (
          <Tab key={name} value={name}>
            {label}
          </Tab>
        ))}
      </TabList>
      <View api={api} announce={announce} />
    </ConsoleShell>
  );
}
