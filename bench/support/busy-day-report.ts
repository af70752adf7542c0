import type { BusyDayResult } from './busy-day.js';
import type { createReport } from './figures.js';
import { formatBytes, formatMs, formatNumber, renderTable } from './format.js';

/** The busy day's figures, each with its same-run baseline (the one direct write a change needs). */
export function reportBusyDay(report: ReturnType<typeof createReport>, day: BusyDayResult, label: string): string[] {
  const total = Object.values(day.changes).reduce((sum, count) => sum + count, 0);
  const what = `busy day, ${day.rooms} rooms, ${label}`;
  const directP50 = (day.direct.toWorkplace.p50 + day.direct.toExchange.p50) / 2;
  const directP99 = Math.max(day.direct.toWorkplace.p99, day.direct.toExchange.p99);
  const correct = day.missing === 0 && day.wrongAtEnd.length === 0;
  report.add({
    name: `${what}: change → visible in the other system, p50`,
    value: day.latency.all.p50,
    unit: 'ms',
    baseline: { label: 'direct write p50 (mean of both systems)', value: directP50 },
    note: `${formatNumber(total)} changes in ${formatNumber(day.wallMs / 1000)} s (a 10-hour day compressed ${formatNumber(day.compression)}×), not subtracting the emulators' delivery delay; to Workplace p50 ${formatMs(day.latency.toWorkplace.p50)}, to Exchange p50 ${formatMs(day.latency.toExchange.p50)}`,
  });
  report.add({
    name: `${what}: change → visible in the other system, p99`,
    value: day.latency.all.p99,
    unit: 'ms',
    baseline: { label: 'direct write p99 (slower system)', value: directP99 },
    note: `max ${formatMs(day.latency.all.max)}`,
  });
  report.add({
    name: `${what}: the same with the emulators' delivery delay subtracted, p50`,
    value: day.subtracted.all.p50,
    unit: 'ms',
    baseline: { label: 'direct write p50 (mean of both systems)', value: directP50 },
    target: { text: '≤ 750 ms (item 2)', met: day.subtracted.all.p50 <= 750 },
    note: `emulator delay (change → first webhook naming it) p50 ${formatMs(day.subtracted.emulatorDelay.p50)}, p99 ${formatMs(day.subtracted.emulatorDelay.p99)}; ${day.subtracted.withoutWebhook} changes without a webhook of their own (read in another change's run: nothing subtracted)`,
  });
  report.add({
    name: `${what}: the same with the emulators' delivery delay subtracted, p99`,
    value: day.subtracted.all.p99,
    unit: 'ms',
    baseline: { label: 'direct write p99 (slower system)', value: directP99 },
    target: { text: '≤ 1,500 ms (item 2)', met: day.subtracted.all.p99 <= 1_500 },
  });
  console.log(
    `    the mix: ${Object.entries(day.changes)
      .map(([kind, count]) => `${kind} ${count}`)
      .join(', ')}; new bookings: ${Object.entries(day.shapes)
      .map(([shape, count]) => `${shape} ${count}`)
      .join(', ')} (latency measured for changes that carry a new subject or cancel a booking)`,
  );
  console.log(
    renderTable(
      ['change', 'n', 'p50', 'p99', 'max'],
      day.byKind.map(([kind, summary]) => [
        kind,
        String(summary.count),
        formatMs(summary.p50),
        formatMs(summary.p99),
        formatMs(summary.max),
      ]),
    )
      .split('\n')
      .map((line) => `    ${line}`)
      .join('\n'),
  );
  report.add({
    name: `${what}: bookings wrong at the end (lost, doubled, not cancelled) or never shown`,
    value: day.wrongAtEnd.length + day.missing,
    unit: '',
    target: { text: 'none', met: correct },
    note: `${formatNumber(day.bookingsChecked)} bookings checked in both systems, room by room (${formatNumber(day.roomBookingsChecked)}) and occurrence by occurrence (${formatNumber(day.occurrencesChecked)} expected live); ${day.missing} changes not shown within 60 s${day.wrongAtEnd.length > 0 ? `; e.g. ${day.wrongAtEnd.slice(0, 3).join('; ')}` : ''}`,
  });
  report.add({
    name: `${what}: Graph operations per change`,
    value: day.graphOperations / total,
    unit: '',
    note: `${formatNumber(day.graphOperations)} operations, ${formatNumber(day.notifications)} notifications received, ${formatNumber(day.workplaceRequests / total)} Workplace requests per change; max ${day.maxConcurrentPerMailbox} concurrent Graph requests on one mailbox`,
  });
  report.add({
    name: `${what}: server peak RSS during the day`,
    value: day.rssPeakBytes / 1e6,
    unit: 'MB',
    baseline: { label: 'server RSS when the day began', value: day.rssBeforeBytes / 1e6 },
    note: `server CPU ${Math.round(day.cpuShare * 100)} % of a core over the day (emulators + driver ${Math.round(day.driverCpuShare * 100)} %), load average ${day.loadAverage.toFixed(1)}; server JS heap after ${formatBytes(day.heapAfterBytes)}`,
  });
  report.add({
    name: `${what}: database growth per change`,
    value: (day.dbBytesAfter - day.dbBytesBefore) / total / 1e3,
    unit: 'kB',
    note: `${formatBytes(day.dbBytesBefore)} → ${formatBytes(day.dbBytesAfter)}`,
  });
  return [
    String(day.rooms),
    formatNumber(total),
    `${formatNumber(total / (day.wallMs / 1000))}/s`,
    `${formatNumber(day.compression)}×`,
    formatMs(day.latency.all.p50),
    formatMs(day.latency.all.p99),
    `${formatMs(day.subtracted.all.p50)} / ${formatMs(day.subtracted.all.p99)}`,
    formatMs(directP50),
    String(day.missing + day.wrongAtEnd.length),
    `${Math.round(day.cpuShare * 100)} %`,
    formatBytes(day.rssPeakBytes),
    formatBytes((day.dbBytesAfter - day.dbBytesBefore) / total),
  ];
}

export const BUSY_DAY_COLUMNS = [
  'rooms',
  'changes',
  'rate',
  'compressed',
  'p50',
  'p99',
  'p50 / p99, emulator delay subtracted',
  'direct write p50',
  'wrong',
  'CPU',
  'peak RSS',
  'DB/change',
];
