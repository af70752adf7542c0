import type { ActivityRange } from '@workplace-sync/shared';
import { Radio, RadioGroup, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { Suspense, lazy, useState } from 'react';
import type { AdminApiClient } from '../api/admin-api-client.js';
import { useLoaded } from '../hooks/use-loaded.js';
import { useLocalizer } from '../i18n/use-localizer.js';
import { LoadingOrError } from './error-bar.js';
import { panelHeadingStyle } from './panel-styles.js';

// @fluentui/react-charts and d3 are most of a chart's weight: fetched when the section first renders.
const ActivityCharts = lazy(() => import('./activity-charts.js'));

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  header: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalL, flexWrap: 'wrap' },
  heading: { ...panelHeadingStyle, marginBottom: 0 },
});

/** The sync at a glance over the last 24 hours or 7 days, in the browser's time zone. */
export function ActivitySection({ api }: { api: AdminApiClient }) {
  const styles = useStyles();
  const { t } = useLocalizer();
  const [range, setRange] = useState<ActivityRange>('24h');
  return (
    <section className={styles.section} aria-labelledby="activity-heading">
      <div className={styles.header}>
        <h2 id="activity-heading" className={styles.heading}>
          {t('activity.heading')}
        </h2>
        <RadioGroup
          layout="horizontal"
          aria-label={t('activity.period')}
          value={range}
          onChange={(_event, data) => setRange(data.value as ActivityRange)}
        >
          {(['24h', '7d'] as const).map((value) => (
            <Radio key={value} value={value} label={t(`activity.range.${value}`)} />
          ))}
        </RadioGroup>
      </div>
      {/* A range is its own load: remounting drops the other range's numbers instead of showing them as this one's. */}
      <ActivityOfRange key={range} api={api} range={range} />
    </section>
  );
}

function ActivityOfRange({ api, range }: { api: AdminApiClient; range: ActivityRange }) {
  const { t } = useLocalizer();
  const query = { range, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone };
  const report = useLoaded(() => api.activity(query));
  // Asks Outlook and Workplace, so it may come later or fail alone: its chart waits, not the others.
  const bookedHours = useLoaded(() => api.bookedHours(query));
  if (!report.data) return <LoadingOrError error={report.error} label={t('activity.loading')} />;
  return (
    <Suspense fallback={<Spinner label={t('activity.loadingCharts')} />}>
      <ActivityCharts report={report.data} bookedHours={bookedHours} />
    </Suspense>
  );
}
