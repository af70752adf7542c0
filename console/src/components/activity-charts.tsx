import type {
  ActivityBucket,
  ActivityRange,
  ActivityReport,
  BookedHoursReport,
  RoomBookedHours,
} from '@workplace-sync/shared';
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
import { formatDateTime, formatNumber } from '../format.js';
import type { Loaded } from '../hooks/use-loaded.js';
import { useLocalizer } from '../i18n/use-localizer.js';
import { LoadingOrError } from './error-bar.js';
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
  empty: { padding: tokens.spacingVerticalL, color: tokens.colorNeutralForeground2 },
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
  const { t } = useLocalizer();
  const headingId = useId();
  const [isTable, setIsTable] = useState(false);
  return (
    <figure className={styles.figure} aria-labelledby={headingId}>
      <h3 className={styles.heading}>
        <span id={headingId}>{title}</span>
        <Switch
          label={t('activity.showAsTable')}
          checked={isTable}
          onChange={(_event, data) => setIsTable(data.checked)}
        />
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

const bucketLabel = (iso: string, range: ActivityRange, locale: string) =>
  new Date(iso).toLocaleString(
    locale,
    range === '24h'
      ? { weekday: 'short', hour: '2-digit', minute: '2-digit' }
      : { weekday: 'short', day: 'numeric', month: 'short' },
  );
const DIRECTIONS = ['exchange-to-workplace', 'workplace-to-exchange'] as const;

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

/** Why a room has no share, or where its open hours come from, in words for the table. */
function aboutRoom(room: RoomBookedHours, t: ReturnType<typeof useLocalizer>['t']): string {
  if (room.freeBusy === 'unavailable') return t('activity.bookedHours.freeBusyUnavailable');
  return t(`activity.bookedHours.openingHours.${room.openingHours}`);
}

/**
 * Each busy room's booked share of its opening hours: apart from the other charts' report, as the
 * server asks Outlook and Workplace for it; a room without a share (closed, unknown) is in the table only.
 */
function BookedHoursFigure({ loaded, range }: { loaded: Loaded<BookedHoursReport>; range: ActivityRange }) {
  const styles = useStyles();
  const { t, locale } = useLocalizer();
  const title = t('activity.bookedHours.title');
  const report = loaded.data;
  const percent = (share: number) => new Intl.NumberFormat(locale, { style: 'percent' }).format(share);
  const hours = (value: number) => t('activity.bookedHours.hours', { value });
  const measured = (report?.rooms ?? []).filter((room) => room.share !== null);
  const height = Math.max(CHART_HEIGHT, measured.length * 28);
  const waiting = <LoadingOrError error={loaded.error} label={t('activity.bookedHours.loading')} />;
  return (
    <ChartFigure
      title={title}
      height={height}
      note={
        report
          ? t(`activity.bookedHours.note.${range}`, {
              shown: report.rooms.length,
              total: report.roomCount,
              measuredAt: formatDateTime(report.measuredAt, locale),
            })
          : t(`activity.bookedHours.note.${range}`, { shown: 0, total: 0, measuredAt: '—' })
      }
      chart={
        !report ? (
          waiting
        ) : measured.length === 0 ? (
          <p className={styles.empty}>{t('activity.bookedHours.empty')}</p>
        ) : (
          <HorizontalBarChartWithAxis
            chartTitle={title}
            data={measured.map((room) => ({
              x: Math.round(room.share! * 1000) / 10,
              y: room.displayName,
              barLabel: percent(room.share!),
              xAxisCalloutData: t('activity.bookedHours.callout', {
                booked: hours(room.bookedHours),
                open: hours(room.openHours),
              }),
            }))}
            xMaxValue={100}
            xAxisTitle={t('activity.bookedHours.axis')}
            height={height}
            hideLegend
            showYAxisLables
          />
        )
      }
      table={
        !report ? (
          waiting
        ) : (
          <NumberTable
            label={title}
            columns={[
              t('activity.rooms.room'),
              t('activity.bookedHours.share'),
              t('activity.bookedHours.booked'),
              t('activity.bookedHours.open'),
              t('activity.bookedHours.about'),
            ]}
            rows={report.rooms.map((room) => [
              room.displayName,
              room.share === null ? '–' : percent(room.share),
              room.freeBusy === 'checked' ? hours(room.bookedHours) : '–',
              hours(room.openHours),
              aboutRoom(room, t),
            ])}
          />
        )
      }
    />
  );
}

const chartData = (chartTitle: string, lineChartData: LineChartPoints[]): ChartProps => ({ chartTitle, lineChartData });

/** The Activity charts: change latency, items waiting or failing, notifications, and bookings per room. */
export default function ActivityCharts({
  report,
  bookedHours,
}: {
  report: ActivityReport;
  bookedHours: Loaded<BookedHoursReport>;
}) {
  const styles = useStyles();
  const { t, locale } = useLocalizer();
  const { buckets, range } = report;
  const per = range === '24h' ? 'hour' : 'day';
  const timeColumn = t(`activity.${per}`);
  const roomChartHeight = Math.max(CHART_HEIGHT, report.rooms.length * 28);
  const timeOf = (bucket: ActivityBucket) => bucketLabel(bucket.start, range, locale);
  const number = (value: number) => formatNumber(value, locale);
  const seconds = (value: number | null) => (value === null ? '—' : t('activity.seconds', { value }));
  const directionName = (direction: (typeof DIRECTIONS)[number]) => t(`activity.directions.${direction}`);

  const latencySeries = seriesOf(
    buckets,
    DIRECTIONS.flatMap((direction) => [
      {
        legend: t('activity.latency.p50', { direction: directionName(direction) }),
        valueOf: (bucket: ActivityBucket) => bucket.latency[direction].p50,
      },
      {
        legend: t('activity.latency.p99', { direction: directionName(direction) }),
        valueOf: (bucket: ActivityBucket) => bucket.latency[direction].p99,
      },
    ]),
  );
  const itemSeries = seriesOf(buckets, [
    { legend: t('activity.items.backlog'), valueOf: (bucket) => bucket.backlog },
    { legend: t('activity.items.failed'), valueOf: (bucket) => bucket.failedOpen },
    { legend: t('activity.items.quarantined'), valueOf: (bucket) => bucket.quarantinedOpen },
  ]);
  const notificationSeries = seriesOf(buckets, [
    { legend: t('activity.notifications.perMinute'), valueOf: (bucket) => bucket.notificationsPerMinute },
  ]);
  const latencyTitle = t(`activity.latency.title.${per}`);
  const itemsTitle = t(`activity.items.title.${per}`);
  const notificationsTitle = t(`activity.notifications.title.${per}`);
  const roomsTitle = t('activity.rooms.title');

  return (
    <div className={styles.grid}>
      <ChartFigure
        title={latencyTitle}
        note={t('activity.latency.note')}
        chart={
          <LineChart
            data={chartData(t('activity.latency.chart'), latencySeries)}
            height={CHART_HEIGHT}
            yAxisTitle={t('activity.latency.axis')}
          />
        }
        table={
          <NumberTable
            label={latencyTitle}
            columns={[
              timeColumn,
              ...DIRECTIONS.flatMap((direction) =>
                (['p50', 'p99', 'changes'] as const).map((column) =>
                  t(`activity.latency.${column}`, { direction: directionName(direction) }),
                ),
              ),
            ]}
            rows={buckets.map((bucket) => [
              timeOf(bucket),
              ...DIRECTIONS.flatMap((direction) => [
                seconds(bucket.latency[direction].p50),
                seconds(bucket.latency[direction].p99),
                number(bucket.latency[direction].count),
              ]),
            ])}
          />
        }
      />
      <ChartFigure
        title={itemsTitle}
        note={t(`activity.items.note.${per}`)}
        chart={
          <LineChart
            data={chartData(t('activity.items.chart'), itemSeries)}
            height={CHART_HEIGHT}
            yAxisTitle={t('activity.items.axis')}
          />
        }
        table={
          <NumberTable
            label={itemsTitle}
            columns={[
              timeColumn,
              t('activity.items.backlog'),
              t('activity.items.failed'),
              t('activity.items.quarantined'),
            ]}
            rows={buckets.map((bucket) => [
              timeOf(bucket),
              number(bucket.backlog),
              number(bucket.failedOpen),
              number(bucket.quarantinedOpen),
            ])}
          />
        }
      />
      <ChartFigure
        title={notificationsTitle}
        note={t(`activity.notifications.note.${per}`)}
        chart={
          <AreaChart
            data={chartData(notificationsTitle, notificationSeries)}
            height={CHART_HEIGHT}
            yAxisTitle={t('activity.notifications.perMinute')}
          />
        }
        table={
          <NumberTable
            label={notificationsTitle}
            columns={[timeColumn, t('activity.notifications.count'), t('activity.notifications.perMinute')]}
            rows={buckets.map((bucket) => [
              timeOf(bucket),
              number(bucket.notifications),
              number(bucket.notificationsPerMinute),
            ])}
          />
        }
      />
      <ChartFigure
        title={roomsTitle}
        height={roomChartHeight}
        note={t(`activity.rooms.note.${range}`, { shown: report.rooms.length, total: report.roomCount })}
        chart={
          <HorizontalBarChartWithAxis
            chartTitle={roomsTitle}
            data={report.rooms.map((room) => ({ x: room.bookingsPerDay, y: room.displayName }))}
            height={roomChartHeight}
            hideLegend
            // Room names whole: the chart otherwise cuts them to their last letters ("…erty" for Liberty).
            showYAxisLables
          />
        }
        table={
          <NumberTable
            label={roomsTitle}
            columns={[
              t('activity.rooms.room'),
              t('activity.rooms.bookings'),
              t('activity.rooms.perDay'),
              t('activity.rooms.noShowShare'),
            ]}
            rows={report.rooms.map((room) => [
              room.displayName,
              number(room.bookings),
              number(room.bookingsPerDay),
              // Released because nobody checked in (Workplace or Places), as a share of the room's bookings.
              room.noShowShare === null
                ? '–'
                : new Intl.NumberFormat(locale, { style: 'percent' }).format(room.noShowShare),
            ])}
          />
        }
      />
      <BookedHoursFigure loaded={bookedHours} range={range} />
    </div>
  );
}
