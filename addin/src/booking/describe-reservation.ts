import type { LineStatus, MeetingReservation, SyncStatus } from '@workplace-sync/shared';
import type { Tone } from './describe-availability.js';
import { formatTimeRange } from '../time/meeting-time-format.js';

type Described = { tone: Tone; children: string };

export function describeLineStatus(status: LineStatus): Described {
  switch (status) {
    case 'confirmed':
      return { tone: 'success', children: 'Confirmed' };
    case 'pending-approval':
      return { tone: 'warning', children: 'Pending approval' };
    case 'tentative':
      return { tone: 'info', children: 'Held' };
    case 'declined':
      return { tone: 'danger', children: 'Declined' };
    case 'cancelled':
      return { tone: 'neutral', children: 'Cancelled' };
  }
}

export function describeReservationStatus(status: MeetingReservation['status']): Described {
  switch (status) {
    case 'confirmed':
      return { tone: 'success', children: 'Reservation confirmed' };
    case 'pending-approval':
      return { tone: 'warning', children: 'Reservation pending approval' };
    case 'tentative':
      return { tone: 'info', children: 'Held until the meeting is sent' };
    case 'cancelled':
      return { tone: 'danger', children: 'Reservation cancelled' };
  }
}

export function describeSyncStatus(sync: SyncStatus, timeZone?: string): Described {
  switch (sync.state) {
    case 'held': {
      const until = sync.holdExpiresAt ? new Date(sync.holdExpiresAt) : null;
      return {
        tone: 'info',
        children: until
          ? `Waiting for the meeting from Exchange (hold ends ${formatTimeRange(until, until, timeZone).split('–')[0]})`
          : 'Waiting for the meeting from Exchange',
      };
    }
    case 'in-sync':
      return { tone: 'success', children: 'In sync with Exchange' };
    case 'waiting-for-exchange':
      return { tone: 'neutral', children: 'In Workplace, not yet in Exchange' };
    case 'released':
      return { tone: 'warning', children: 'The hold was released: the meeting never arrived' };
    case 'not-linked':
      return { tone: 'warning', children: 'Workplace only: its rooms are not linked to Exchange' };
    case 'cancelled':
      return { tone: 'danger', children: 'Cancelled' };
  }
}
