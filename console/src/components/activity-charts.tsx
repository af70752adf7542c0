import type { ActivityBucket, ActivityRange, ActivityReport } from '@workplace-sync/shared';
import { AreaChart, HorizontalBarChartWithAxis, LineChart } from '@fluentui/react-charts';
import type { ChartProps, LineChartPoints } from '@fluentui/react-charts';
import {
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useId, useState } from 'react';
import type { ReactNode } from 'react';
import { panelHeadingStyle, panelStyle, scrollingPanelStyle } from './panel-styles.js';

// The charts of the Activity section, in their own module: @fluentui/react-charts (with d3) is loaded
// only when an admin opens Health (React.lazy in activity-section.tsx), not with the console.

const useStyles = makeStyles({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(420px, 1fr))',
    gap: tokens.spacingVerticalM,
    alignItems: 'start',
  },
  // The charts size themselves to their container: one of fixed height, or they grow with it, forever.
  chartBox: { overflow: 'hidden' },
  figure: { ...panelStyle, margin: 0, minWidth: 0 },
  heading: { ...panelHeadingStyle, display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: '8px' },
  note: {
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase200,
    marginTop: tokens.spacingVerticalXS,
  },
  tableBox: { ...scrollingPanelStyle, padding: 0, maxHeight: '320px', overflowY: 'auto' },
});

const CHART_HEIGHT = 260;

/** A chart with its numbers on demand as a real table (screen readers, copying, exact values). */
function ChartFigure({
  title,
  note,
  chart,
  table,
  height = CHART_HEIGHT,
}: {
  title: string;
  note: string;
  chart: ReactNode;
  table: ReactNode;
  height?: number;
}) {
  const styles = useStyles();
  const headingId = useId();
  const [isTable, setIsTable] = useState(false);
  return (
    <figure className={styles.figure} aria-labelledby={headingId}>
      <h3 className={styles.heading}>
        <span id={headingId}>{title}</span>
        <Switch label="Show as table" checked={isTable} onChange={(_event, data) => setIsTable(data.checked)} />
      </h3>
      {isTable ? (
        <div className={styles.tableBox} role="region" aria-labelledby={headingId} tabIndex={0}>
          {table}
        </div>
      ) : (
        <div className={styles.chartBox} style={{ height }}>
          {chart}
        </div>
      )}
      <div className={styles.note}>{note}</div>
    </figure>
  );
}

function NumberTable({
  label,
  columns,
  rows,
}: {
  label: string;
  columns: string[];
  rows: Array<Array<string | number>>;
}) {
  return (
    <Table size="small" aria-label={label}>
      <TableHeader>
        <TableRow>
          {columns.map((column) => (
            <TableHeaderCell key={column}>{column}</TableHeaderCell>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={String(row[0])}>
            {row.map((cell, index) => (
              <TableCell key={columns[index]}>{cell}</TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

const bucketLabel = (iso: string, range: ActivityRange) =>
  new Date(iso).toLocaleString(
    undefined,
    range === '24h'
      ? { weekday: 'short', hour: '2-digit', minute: '2-digit' }
      : { weekday: 'short', day: 'numeric', month: 'short' },
  );
const secondsText = (value: number | null) => (value === null ? '—' : `${value} s`);

const DIRECTIONS = [
  ['exchange-to-workplace', 'Outlook → Workplace'],
  ['workplace-to-exchange', 'Workplace → Outlook'],
] as const;

/** A line per series, skipping the buckets where it has no value (no change measured there). */
function seriesOf(
  buckets: ActivityBucket[],
  series: Array<{ legend: string; valueOf: (bucket: ActivityBucket) => number | null }>,
): LineChartPoints[] {
  return series.map(({ legend, valueOf }) => ({
    legend,
    data: buckets.flatMap((bucket) => {
      const y = valueOf(bucket);
      return y === null ? [] : [{ x: new Date(bucket.start), y }];
    }),
  }));
}

const chartData = (chartTitle: string, lineChartData: LineChartPoints[]): ChartProps => ({ chartTitle, lineChartData });

/** The Activity charts: change latency, items waiting or failing, notifications, and bookings per room. */
export default function ActivityCharts({ report }: { report: ActivityReport }) {
  const styles = useStyles();
  const { buckets, range } = report;
  const per = range === '24h' ? 'hour' : 'day';
  const roomChartHeight = Math.max(CHART_HEIGHT, report.rooms.length * 28);
  const timeColumn = range === '24h' ? 'Hour' : 'Day';

  const latencySeries = seriesOf(
    buckets,
    DIRECTIONS.flatMap(([direction, name]) => [
      { legend: `${name} p50`, valueOf: (bucket: ActivityBucket) => bucket.latency[direction].p50 },
      { legend: `${name} p99`, valueOf: (bucket: ActivityBucket) => bucket.latency[direction].p99 },
    ]),
  );
  const itemSeries = seriesOf(buckets, [
    { legend: 'Backlog', valueOf: (bucket) => bucket.backlog },
    { legend: 'Failed', valueOf: (bucket) => bucket.failedOpen },
    { legend: 'Quarantined', valueOf: (bucket) => bucket.quarantinedOpen },
  ]);
  const notificationSeries = seriesOf(buckets, [
    { legend: 'Notifications per minute', valueOf: (bucket) => bucket.notificationsPerMinute },
  ]);

  return (
    <div className={styles.grid}>
      <ChartFigure
        title={`Change latency per ${per}`}
        note="Seconds from a change announced (Outlook notification, Workplace webhook) to the end of the sync run that applied it: half of the changes took less than p50, 99 in 100 less than p99."
        chart={
          <LineChart data={chartData('Change latency', latencySeries)} height={CHART_HEIGHT} yAxisTitle="Seconds" />
        }
        table={
          <NumberTable
            label={`Change latency per ${per}`}
            columns={[
              timeColumn,
              ...DIRECTIONS.flatMap(([, name]) => [`${name} p50`, `${name} p99`, `${name} changes`]),
            ]}
            rows={buckets.map((bucket) => [
              bucketLabel(bucket.start, range),
              ...DIRECTIONS.flatMap(([direction]) => [
                secondsText(bucket.latency[direction].p50),
                secondsText(bucket.latency[direction].p99),
                bucket.latency[direction].count,
              ]),
            ])}
          />
        }
      />
      <ChartFigure
        title={`Backlog, failed and quarantined items per ${per}`}
        note={`At the end of each ${per} (now, for the current one): Outlook notifications received and not yet processed, failed items and quarantined bookings still open.`}
        chart={<LineChart data={chartData('Items waiting', itemSeries)} height={CHART_HEIGHT} yAxisTitle="Items" />}
        table={
          <NumberTable
            label={`Backlog, failed and quarantined items per ${per}`}
            columns={[timeColumn, 'Backlog', 'Failed', 'Quarantined']}
            rows={buckets.map((bucket) => [
              bucketLabel(bucket.start, range),
              bucket.backlog,
              bucket.failedOpen,
              bucket.quarantinedOpen,
            ])}
          />
        }
      />
      <ChartFigure
        title={`Notifications per minute, each ${per}`}
        note={`Outlook change and lifecycle notifications received, averaged over each ${per} (so far, for the current one).`}
        chart={
          <AreaChart
            data={chartData('Notifications per minute', notificationSeries)}
            height={CHART_HEIGHT}
            yAxisTitle="Per minute"
          />
        }
        table={
          <NumberTable
            label={`Notifications per minute, each ${per}`}
            columns={[timeColumn, 'Notifications', 'Per minute']}
            rows={buckets.map((bucket) => [
              bucketLabel(bucket.start, range),
              bucket.notifications,
              bucket.notificationsPerMinute,
            ])}
          />
        }
      />
      <ChartFigure
        title="Bookings per day, by room"
        height={roomChartHeight}
        note={`Bookings the sync made or matched in each room (${range === '24h' ? 'last 24 hours' : 'last 7 days, per day'}); the ${report.rooms.length} busiest of ${report.roomCount} rooms.`}
        chart={
          <HorizontalBarChartWithAxis
            chartTitle="Bookings per day, by room"
            data={report.rooms.map((room) => ({ x: room.bookingsPerDay, y: room.displayName }))}
            height={roomChartHeight}
            hideLegend
          />
        }
        table={
          <NumberTable
            label="Bookings per day, by room"
            columns={['Room', 'Bookings', 'Per day']}
            rows={report.rooms.map((room) => [room.displayName, room.bookings, room.bookingsPerDay])}
          />
        }
      />
    </div>
  );
}
