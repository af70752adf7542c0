import type { LineStatus, MeetingReservation, SyncStatus } from '@workplace-sync/shared';
import type { Localizer } from '../i18n/pane-i18n.js';
import type { Tone } from './describe-availability.js';
import { formatDayTime } from '../time/meeting-time-format.js';

type Described = { tone: Tone; children: string };

const LINE_STATUS: Record<LineStatus, [Tone, string]> = {
  confirmed: ['success', 'lineStatus.confirmed'],
  'pending-approval': ['warning', 'lineStatus.pendingApproval'],
  tentative: ['info', 'lineStatus.held'],
  declined: ['danger', 'lineStatus.declined'],
  cancelled: ['neutral', 'lineStatus.cancelled'],
};

const RESERVATION_STATUS: Record<MeetingReservation['status'], [Tone, string]> = {
  confirmed: ['success', 'reservationStatus.confirmed'],
  'pending-approval': ['warning', 'reservationStatus.pendingApproval'],
  tentative: ['info', 'reservationStatus.held'],
  cancelled: ['danger', 'reservationStatus.cancelled'],
};

const SYNC_STATUS: Record<Exclude<SyncStatus['state'], 'held'>, [Tone, string]> = {
  'in-sync': ['success', 'sync.inSync'],
  'waiting-for-exchange': ['neutral', 'sync.notYetInExchange'],
  released: ['warning', 'sync.released'],
  declined: ['danger', 'sync.declined'],
  'not-linked': ['warning', 'sync.notLinked'],
  cancelled: ['danger', 'sync.cancelled'],
};

const described = ([tone, key]: [Tone, string], { t }: Localizer): Described => ({ tone, children: t(key) });

export const describeLineStatus = (status: LineStatus, words: Localizer): Described =>
  described(LINE_STATUS[status], words);

export const describeReservationStatus = (status: MeetingReservation['status'], words: Localizer): Described =>
  described(RESERVATION_STATUS[status], words);

export function describeSyncStatus(sync: SyncStatus, words: Localizer, timeZone?: string): Described {
  if (sync.state !== 'held') return described(SYNC_STATUS[sync.state], words);
  const until = sync.holdExpiresAt ? new Date(sync.holdExpiresAt) : null;
  return {
    tone: 'info',
    children: until
      ? words.t('sync.waitingUntil', { time: formatDayTime(until, timeZone, words.locale) })
      : words.t('sync.waiting'),
  };
}
