import { Caption1, makeStyles } from '@fluentui/react-components';
import type { Meeting } from '../office/appointment.js';
import { describeRecurrence } from '../time/describe-recurrence.js';
import { formatTimeRange } from '../time/meeting-time-format.js';

const useStyles = makeStyles({ root: { display: 'flex', flexDirection: 'column' } });

/** The meeting the pane works on, as the pane reads it from Outlook. */
export function MeetingSummary({ meeting, timeZone }: { meeting: Meeting; timeZone?: string }) {
  const styles = useStyles();
  return (
    <div className={styles.root}>
      <span>{meeting.subject || 'Untitled meeting'}</span>
      <Caption1>
        {formatTimeRange(meeting.start, meeting.end, timeZone)} · {meeting.attendeeCount}{' '}
        {meeting.attendeeCount === 1 ? 'person' : 'people'}
      </Caption1>
      {meeting.recurrence && <Caption1>{describeRecurrence(meeting.recurrence)}</Caption1>}
    </div>
  );
}
