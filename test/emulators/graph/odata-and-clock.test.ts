import { describe, expect, test } from 'vitest';
import { EmulatorClock } from '../../../emulators/src/graph/index.js';
import { Scheduler } from '../../../emulators/src/graph/clock/scheduler.js';
import { evaluateFilter, parseFilter } from '../../../emulators/src/graph/odata/odata-filter.js';
import { readPreferences } from '../../../emulators/src/graph/odata/prefer-header.js';

describe('$filter reading', () => {
  const item = {
    subject: 'Design Review',
    type: 'seriesMaster',
    isCancelled: false,
    start: { dateTime: '2027-03-02T09:00:00.0000000' },
    singleValueExtendedProperties: [{ id: 'String {66f5a359-4659-4830-9070-00040ec6ac6e} Name Booking', value: 'R-1' }],
  };
  const cases: Array<[string, boolean]> = [
    ["subject eq 'design review'", true],
    ["type eq 'seriesMaster' and isCancelled eq false", true],
    ["type ne 'seriesMaster' or contains(subject,'REVIEW')", true],
    ["start/dateTime ge '2027-03-02T00:00:00' and start/dateTime lt '2027-03-03T00:00:00'", true],
    [
      "singleValueExtendedProperties/Any(ep: ep/id eq 'String {66f5a359-4659-4830-9070-00040ec6ac6e} Name Booking' and ep/value eq 'R-1')",
      true,
    ],
    ["singleValueExtendedProperties/any(ep: ep/value eq 'R-2')", false],
    ["not (startswith(subject,'Design'))", false],
    ["subject eq 'it''s'", false],
  ];
  for (const [filter, expected] of cases) {
    test(filter, () => expect(evaluateFilter(parseFilter(filter), item)).toBe(expected));
  }
  test('syntax errors are 400 BadRequest', () => {
    expect(() => parseFilter("subject eq 'open")).toThrow(expect.objectContaining({ status: 400, code: 'BadRequest' }));
    expect(() => parseFilter('subject')).toThrow(expect.objectContaining({ status: 400 }));
  });
});

describe('Prefer header', () => {
  test('reads several preferences, quoted values with commas, repeated headers', () => {
    expect(
      readPreferences({
        prefer: ['outlook.timezone="Pacific Standard Time", odata.maxpagesize=50', 'IdType="ImmutableId"'],
      }),
    ).toEqual({
      timeZone: 'Pacific Standard Time',
      maxPageSize: 50,
      immutableIds: true,
    });
  });
});

describe('emulated clock and scheduler', () => {
  test('a frozen clock runs due tasks only when time is moved, in due order, at their own instants', async () => {
    const clock = new EmulatorClock({ now: '2027-01-01T00:00:00Z', frozen: true });
    const scheduler = new Scheduler(clock);
    const ran: string[] = [];
    scheduler.scheduleIn(120_000, 'b', () => ran.push(`b@${clock.now().toISOString().slice(11, 19)}`));
    scheduler.scheduleIn(60_000, 'a', () => {
      ran.push(`a@${clock.now().toISOString().slice(11, 19)}`);
      scheduler.scheduleIn(30_000, 'a2', () => ran.push(`a2@${clock.now().toISOString().slice(11, 19)}`));
    });
    await scheduler.idle();
    expect(ran).toEqual([]);
    await scheduler.advance(150_000);
    expect(ran).toEqual(['a@00:01:00', 'a2@00:01:30', 'b@00:02:00']);
    expect(clock.now().toISOString()).toBe('2027-01-01T00:02:30.000Z');
    scheduler.dispose();
  });

  test('tasks due now run without moving time; idle waits for tracked work', async () => {
    const clock = new EmulatorClock({ frozen: true });
    const scheduler = new Scheduler(clock);
    let done = false;
    scheduler.scheduleIn(0, 'now', () =>
      scheduler.track(new Promise((resolve) => setTimeout(resolve, 20)).then(() => (done = true))),
    );
    await scheduler.idle();
    expect(done).toBe(true);
    scheduler.dispose();
  });
});
