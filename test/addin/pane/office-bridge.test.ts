import { afterEach, describe, expect, test, vi } from 'vitest';
import type { RecurrenceRule } from '@workplace-sync/shared';
import { OUTLOOK_ERRORS } from '../../../addin/harness/simulated-mailbox.js';
import { createOfficeAppointment } from '../../../addin/src/office/appointment.js';
import { OfficeError, officeAsync } from '../../../addin/src/office/office-async.js';
import { connectToOffice } from '../../../addin/src/office/office-host.js';
import { fromOfficeRecurrence, UnsupportedRecurrenceError } from '../../../addin/src/office/recurrence.js';
import type { OfficeRecurrence } from '../../../addin/src/office/recurrence.js';
import { luminanceOf, onOfficeThemeChanged, readOfficeTheme } from '../../../addin/src/office/theme.js';
import {
  ANN,
  ATRIUM,
  BOB,
  aMeeting,
  installOutlookMock,
  uninstallOutlookMock,
  weeklyOnMondays,
} from './support/outlook-mock.js';

afterEach(uninstallOutlookMock);

const appointmentOf = () => createOfficeAppointment(Office.context.mailbox);

describe('office bridge: compose (the organizer is editing the meeting)', () => {
  test('reads start, end, subject, people (organizer included, rooms excluded) and no recurrence', async () => {
    installOutlookMock({ meeting: aMeeting({ rooms: [ATRIUM], requiredAttendees: [BOB, ATRIUM] }) });
    const meeting = await appointmentOf().readMeeting();
    expect(meeting).toEqual({
      mode: 'compose',
      subject: 'Design review',
      start: new Date('2026-03-02T09:00:00Z'),
      end: new Date('2026-03-02T10:00:00Z'),
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      recurrence: null,
      attendeeCount: 2,
      organizer: ANN,
      isOrganizer: true,
      rooms: [{ email: ATRIUM.email, displayName: 'Atrium' }],
      declinedRooms: [],
    });
  });

  test('reads a weekly series as our RecurrenceRule, in the zone Outlook anchors it in', async () => {
    installOutlookMock({ meeting: aMeeting({ recurrence: weeklyOnMondays() }) });
    const meeting = await appointmentOf().readMeeting();
    expect(meeting.recurrence).toEqual({
      freq: 'weekly',
      interval: 1,
      byDay: ['MO'],
      weekStart: 'MO',
      end: { type: 'until', until: '2026-04-06' },
    });
    expect(meeting.timeZone).toBe('Romance Standard Time');
  });

  test('adds the room as a Room location, lists it, and removes it', async () => {
    const outlook = installOutlookMock();
    const appointment = appointmentOf();
    await appointment.addRoom(ATRIUM.email);
    expect(outlook.calls).toContain('locations.add');
    expect(await appointment.listRooms()).toEqual([{ email: ATRIUM.email, displayName: ATRIUM.email }]);
    await appointment.removeRoom(ATRIUM.email);
    expect(await appointment.listRooms()).toEqual([]);
  });

  test('an unsaved item has no id (ItemNotSaved), a saved one has', async () => {
    const outlook = installOutlookMock();
    const appointment = appointmentOf();
    expect(await appointment.itemId()).toBeNull();
    outlook.save('AAMkAD-saved');
    expect(await appointment.itemId()).toBe('AAMkAD-saved');
  });

  test('other Office failures are reported as OfficeError with Office’s name and code', async () => {
    const outlook = installOutlookMock();
    outlook.failNext('start', OUTLOOK_ERRORS.invalidSelection);
    await expect(appointmentOf().readMeeting()).rejects.toMatchObject({
      name: 'OfficeError',
      officeName: 'InvalidSelection',
      code: 5001,
    });
    outlook.failNext('locations.add', OUTLOOK_ERRORS.tooManyLocations);
    await expect(appointmentOf().addRoom(ATRIUM.email)).rejects.toBeInstanceOf(OfficeError);
    outlook.failNext('itemId', OUTLOOK_ERRORS.apiNotSupported);
    await expect(appointmentOf().itemId()).rejects.toMatchObject({ officeName: 'API Not Supported' });
  });

  test('keeps the booking tag in a custom property of the item, and removes it', async () => {
    const outlook = installOutlookMock();
    const appointment = appointmentOf();
    expect(await appointment.readBookingTag()).toBeNull();
    await appointment.writeBookingTag({ intentId: 'i-1', reservationIds: ['r-1', 'r-2'] });
    expect(outlook.calls).toContain('customProperties.save');
    expect(await appointment.readBookingTag()).toEqual({ intentId: 'i-1', reservationIds: ['r-1', 'r-2'] });
    await appointment.writeBookingTag(null);
    expect(await appointment.readBookingTag()).toBeNull();
    expect(outlook.meeting().customProperties).toEqual({});
  });

  test('a saving failure of the tag is reported', async () => {
    const outlook = installOutlookMock();
    outlook.failNext('customProperties.save', OUTLOOK_ERRORS.invalidSelection);
    await expect(appointmentOf().writeBookingTag({ intentId: 'i', reservationIds: [] })).rejects.toBeInstanceOf(
      OfficeError,
    );
  });

  test('AppointmentTimeChanged and RecurrenceChanged call the listener until unsubscribed', async () => {
    const outlook = installOutlookMock();
    const listener = vi.fn();
    const unsubscribe = await appointmentOf().onMeetingChanged(listener);
    outlook.editMeeting({ start: new Date('2026-03-02T10:00:00Z'), end: new Date('2026-03-02T11:00:00Z') });
    outlook.editMeeting({ recurrence: weeklyOnMondays() });
    expect(listener).toHaveBeenCalledTimes(2);
    await unsubscribe();
    expect(outlook.handlerCount('olkAppointmentTimeChanged')).toBe(0);
    outlook.editMeeting({ start: new Date('2026-03-02T12:00:00Z') });
    expect(listener).toHaveBeenCalledTimes(2);
  });
});

describe('office bridge: read (an attendee, or the organizer after sending)', () => {
  test('reads plain values, the organizer, the rooms and the item id', async () => {
    installOutlookMock({
      mode: 'read',
      user: BOB,
      organizer: ANN,
      meeting: aMeeting({ rooms: [ATRIUM], itemId: 'AAMkAD-read', recurrence: weeklyOnMondays() }),
    });
    const appointment = appointmentOf();
    expect(appointment.mode).toBe('read');
    const meeting = await appointment.readMeeting();
    expect(meeting).toMatchObject({
      mode: 'read',
      subject: 'Design review',
      start: new Date('2026-03-02T09:00:00Z'),
      organizer: ANN,
      isOrganizer: false,
      attendeeCount: 3,
      rooms: [{ email: ATRIUM.email, displayName: 'Atrium' }],
      recurrence: expect.objectContaining({ freq: 'weekly', byDay: ['MO'] }),
    });
    expect(await appointment.itemId()).toBe('AAMkAD-read');
  });

  test('the organizer reading a sent meeting is recognised; rooms cannot be changed in read mode', async () => {
    installOutlookMock({ mode: 'read', user: ANN, organizer: ANN });
    const appointment = appointmentOf();
    expect((await appointment.readMeeting()).isOrganizer).toBe(true);
    await expect(appointment.addRoom(ATRIUM.email)).rejects.toMatchObject({ officeName: 'NotCompose' });
  });
});

describe('office bridge: Office.Recurrence → RecurrenceRule', () => {
  const recurrence = (
    recurrenceType: string,
    recurrenceProperties: Office.RecurrenceProperties,
    endDate: string | null = null,
  ): OfficeRecurrence => ({
    recurrenceType,
    recurrenceProperties,
    recurrenceTimeZone: { name: 'Pacific Standard Time' },
    seriesTime: { getEndDate: () => endDate as string },
  });
  const base = { interval: 1, weekStart: 'MO', end: { type: 'none' } } as const;
  const cases: Array<[string, OfficeRecurrence, RecurrenceRule]> = [
    ['every 2nd day, no end', recurrence('daily', { interval: 2 }), { ...base, freq: 'daily', interval: 2 }],
    [
      'every weekday until a date',
      recurrence('weekday', { interval: 1 }, '2026-06-30'),
      { ...base, freq: 'weekly', byDay: ['MO', 'TU', 'WE', 'TH', 'FR'], end: { type: 'until', until: '2026-06-30' } },
    ],
    [
      'every 2 weeks on Tue and Thu, weeks from Sunday',
      recurrence('weekly', { interval: 2, days: ['tue', 'thu'], firstDayOfWeek: 'sun' }),
      { ...base, freq: 'weekly', interval: 2, byDay: ['TU', 'TH'], weekStart: 'SU' },
    ],
    [
      'monthly on day 31',
      recurrence('monthly', { interval: 1, dayOfMonth: 31 }),
      { ...base, freq: 'monthly', byMonthDay: 31 },
    ],
    [
      'monthly on the last Thursday',
      recurrence('monthly', { interval: 1, dayOfWeek: 'thu', weekNumber: 'last' }),
      { ...base, freq: 'monthly', byDay: ['TH'], bySetPos: -1 },
    ],
    [
      'monthly on the first weekday',
      recurrence('monthly', { interval: 1, dayOfWeek: 'weekday', weekNumber: 'first' }),
      { ...base, freq: 'monthly', byDay: ['MO', 'TU', 'WE', 'TH', 'FR'], bySetPos: 1 },
    ],
    [
      'yearly on 2 March',
      recurrence('yearly', { interval: 1, month: 'mar', dayOfMonth: 2 }),
      { ...base, freq: 'yearly', byMonth: 3, byMonthDay: 2 },
    ],
    [
      'yearly on the second Sunday of May',
      recurrence('yearly', { interval: 1, month: 'may', dayOfWeek: 'sun', weekNumber: 'second' }),
      { ...base, freq: 'yearly', byMonth: 5, byDay: ['SU'], bySetPos: 2 },
    ],
  ];
  test.each(cases)('%s', (_name, office, rule) => {
    expect(fromOfficeRecurrence(office)).toEqual({ rule, timeZone: 'Pacific Standard Time' });
  });

  test.each([
    ['an unknown type', recurrence('hourly', { interval: 1 })],
    ['a weekly rule without days', recurrence('weekly', { interval: 1, days: [] })],
    ['a month that is not one', recurrence('yearly', { interval: 1, month: 'smarch', dayOfMonth: 1 })],
  ])('refuses %s', (_name, office) => {
    expect(() => fromOfficeRecurrence(office)).toThrow(UnsupportedRecurrenceError);
  });
});

describe('office bridge: startup and theme', () => {
  test('finds the appointment in Outlook and whether nested app authentication is supported', async () => {
    installOutlookMock({ supportedSets: { Mailbox: '1.13', NestedAppAuth: '1.1' } });
    const connection = await connectToOffice();
    expect(connection).toMatchObject({ kind: 'outlook', user: ANN, supportsNestedAppAuth: true });
  });

  test('without office.js (no network to the CDN), in another host, or without NAA', async () => {
    uninstallOutlookMock();
    expect(await connectToOffice()).toEqual({ kind: 'unavailable', reason: 'office-js-missing' });
    installOutlookMock({ host: 'Word' });
    expect(await connectToOffice()).toEqual({ kind: 'unavailable', reason: 'not-outlook' });
    installOutlookMock({ supportedSets: { Mailbox: '1.8' } });
    expect(await connectToOffice()).toMatchObject({ kind: 'outlook', supportsNestedAppAuth: false });
  });

  test('the harness case: real office.js reports no host, the simulated mailbox makes it Outlook', async () => {
    installOutlookMock({ host: null });
    expect((await connectToOffice()).kind).toBe('outlook');
  });

  test('dark or light from the body background; theme changes are passed on', async () => {
    installOutlookMock({ bodyBackgroundColor: '#1f1f1f' });
    expect(readOfficeTheme()).toBe('dark');
    installOutlookMock({ bodyBackgroundColor: '#ffffff' });
    expect(readOfficeTheme()).toBe('light');
    const outlook = installOutlookMock();
    const listener = vi.fn();
    const unsubscribe = await onOfficeThemeChanged(listener);
    outlook.setTheme('#292929');
    expect(listener).toHaveBeenCalledWith('dark');
    await unsubscribe!();
    expect(outlook.handlerCount('officeThemeChanged')).toBe(0);
    expect(luminanceOf('#fff')).toBeCloseTo(1);
    expect(luminanceOf('not a colour')).toBeNull();
  });
});

describe('officeAsync', () => {
  test('a synchronous throw inside the call rejects instead of hanging', async () => {
    installOutlookMock();
    await expect(
      officeAsync<unknown>(() => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
  });
});
