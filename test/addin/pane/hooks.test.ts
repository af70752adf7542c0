// @vitest-environment happy-dom
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, test } from 'vitest';
import { usePaneTheme } from '../../../addin/src/hooks/use-pane-theme.js';
import { useMeeting } from '../../../addin/src/hooks/use-meeting.js';
import { createOfficeAppointment } from '../../../addin/src/office/appointment.js';
import { isPaneAnnounced } from '../../../addin/src/office/pane-presence.js';
import { onOfficeThemeChanged } from '../../../addin/src/office/theme.js';
import { installOutlookMock, uninstallOutlookMock, weeklyOnMondays } from './support/outlook-mock.js';

afterEach(() => {
  cleanup();
  uninstallOutlookMock();
});

describe('useMeeting', () => {
  test('reads the meeting, and re-reads once after a burst of Outlook change events', async () => {
    const outlook = installOutlookMock();
    const appointment = createOfficeAppointment(Office.context.mailbox);
    const { result } = renderHook(() => useMeeting(appointment, 50));
    await waitFor(() => expect(result.current.meeting?.start).toEqual(new Date('2026-03-02T09:00:00Z')));
    const readsBefore = outlook.calls.filter((call) => call === 'start').length;
    act(() => {
      outlook.editMeeting({ start: new Date('2026-03-02T10:00:00Z') });
      outlook.editMeeting({ start: new Date('2026-03-02T11:00:00Z') });
      outlook.editMeeting({ recurrence: weeklyOnMondays() });
    });
    await waitFor(() => expect(result.current.meeting?.recurrence?.freq).toBe('weekly'));
    expect(result.current.meeting?.start).toEqual(new Date('2026-03-02T11:00:00Z'));
    expect(outlook.calls.filter((call) => call === 'start').length).toBe(readsBefore + 1);
  });

  test('stops listening when the pane goes away', async () => {
    const outlook = installOutlookMock();
    const { unmount } = renderHook(() => useMeeting(createOfficeAppointment(Office.context.mailbox), 10));
    await waitFor(() => expect(outlook.handlerCount('olkAppointmentTimeChanged')).toBe(1));
    unmount();
    await waitFor(() => expect(outlook.handlerCount('olkAppointmentTimeChanged')).toBe(0));
  });
});

describe('useMeeting: the open pane tells the event handlers it follows the meeting itself', () => {
  test('compose: a fresh stamp in the item’s sessionData while open, none once the pane goes away', async () => {
    const outlook = installOutlookMock();
    const { unmount } = renderHook(() => useMeeting(createOfficeAppointment(Office.context.mailbox), 10));
    await waitFor(() => expect(outlook.sessionData().workplacePaneOpenAt).toBeTruthy());
    expect(await isPaneAnnounced(Office.context.mailbox.item, new Date())).toBe(true);
    // A stamp from a pane Outlook closed without a word counts for 25 s only.
    expect(await isPaneAnnounced(Office.context.mailbox.item, new Date(Date.now() + 30_000))).toBe(false);
    unmount();
    await waitFor(() => expect(outlook.sessionData()).toEqual({}));
    expect(await isPaneAnnounced(Office.context.mailbox.item, new Date())).toBe(false);
  });

  test('read mode announces nothing (the events are the organizer’s, in compose)', async () => {
    const outlook = installOutlookMock({ mode: 'read' });
    const { result } = renderHook(() => useMeeting(createOfficeAppointment(Office.context.mailbox), 10));
    await waitFor(() => expect(result.current.meeting).not.toBeNull());
    expect(outlook.sessionData()).toEqual({});
  });
});

describe('usePaneTheme', () => {
  test('starts from Office’s theme and follows OfficeThemeChanged', async () => {
    const outlook = installOutlookMock();
    const { result } = renderHook(() => usePaneTheme('light', onOfficeThemeChanged));
    expect(result.current).toBe('light');
    await waitFor(() => expect(outlook.handlerCount('officeThemeChanged')).toBe(1));
    act(() => outlook.setTheme('#1b1a19'));
    expect(result.current).toBe('dark');
  });

  test('without an Office theme (Mailbox below 1.14) it follows the system', () => {
    const { result } = renderHook(() => usePaneTheme(null));
    expect(['light', 'dark']).toContain(result.current);
  });
});
