import { Button, CounterBadge, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useState } from 'react';
import type { AdminApiClient } from './api/admin-api-client.js';
import { ConsoleShell } from './components/console-shell.js';
import { VIEWS } from './console-route.js';
import { useConsoleRoute } from './hooks/use-console-route.js';
import { useOpenFailedCount } from './hooks/use-open-failed-count.js';
import { useLocalizer } from './i18n/use-localizer.js';
import { CutoverTab } from './tabs/cutover-tab.js';
import { FailedItemsTab } from './tabs/failed-items-tab.js';
import { HealthTab } from './tabs/health-tab.js';
import { RoomLinksTab } from './tabs/room-links-tab.js';
import { SyncLogTab } from './tabs/sync-log-tab.js';

const useStyles = makeStyles({
  views: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

/** The console once signed in: one view at a time, each loading its own data; the view and its filters in the URL. */
export function App({ api, user }: { api: AdminApiClient; user: string }) {
  const { route, generation, navigate } = useConsoleRoute();
  const [announcement, setAnnouncement] = useState('');
  const announce = useCallback((text: string) => setAnnouncement(text), []);
  const failed = useOpenFailedCount(api);
  const styles = useStyles();
  const { t } = useLocalizer();
  const props = { api, announce };
  // Back and Forward remount the view with the filters they restore.
  const key = `${route.view} ${generation}`;
  return (
    <ConsoleShell user={user} announcement={announcement}>
      {/* Plain buttons rather than Fluent's TabList, whose focus sentinels (aria-hidden yet focusable) axe reports. */}
      <nav aria-label={t('views.label')} className={styles.views}>
        {VIEWS.map((name) => (
          <Button
            key={name}
            appearance={name === route.view ? 'primary' : 'subtle'}
            aria-current={name === route.view ? 'page' : undefined}
            onClick={() => navigate({ ...route, view: name })}
            icon={
              name === 'failed' && failed.count ? (
                <CounterBadge count={failed.count} overflowCount={999} color="danger" size="small" aria-hidden />
              ) : undefined
            }
            iconPosition="after"
            aria-label={
              name === 'failed' && failed.count
                ? t('views.failedOpen', { view: t(`views.${name}`), count: failed.count })
                : undefined
            }
          >
            {t(`views.${name}`)}
          </Button>
        ))}
      </nav>
      {route.view === 'links' ? (
        <RoomLinksTab
          key={key}
          {...props}
          filter={route.links}
          // Typing a search replaces the history entry; a new page is one.
          onFilterChange={(links) => navigate({ ...route, links }, { replace: links.q !== route.links.q })}
        />
      ) : null}
      {route.view === 'health' ? <HealthTab key={key} {...props} /> : null}
      {route.view === 'log' ? (
        <SyncLogTab
          key={key}
          {...props}
          initialFilter={route.log}
          onFilterChange={(log) => navigate({ ...route, log })}
        />
      ) : null}
      {route.view === 'failed' ? <FailedItemsTab key={key} {...props} onChanged={failed.refresh} /> : null}
      {route.view === 'cutover' ? <CutoverTab key={key} {...props} /> : null}
    </ConsoleShell>
  );
}
