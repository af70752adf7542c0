import { Caption1, makeStyles } from '@fluentui/react-components';
import { useLocalizer } from '../i18n/use-localizer.js';
import type { Meeting } from '../office/appointment.js';
import { describeRecurrence } from '../time/describe-recurrence.js';
import { formatTimeRange } from '../time/meeting-time-format.js';

const useStyles = makeStyles({ root: { display: 'flex', flexDirection: 'column' } });

/** The meeting the pane works on, as the pane reads it from Outlook. */
export function MeetingSummary({ meeting, timeZone }: { meeting: Meeting; timeZone?: string }) {
  const styles = useStyles();
  const words = useLocalizer();
  return (
    <div className={styles.root}>
      <span>{meeting.subject || words.t('meeting.untitled')}</span>
      <Caption1>
        {formatTimeRange(meeting.start, meeting.end, timeZone, words.locale)} ·{' '}
        {words.t('meeting.people', { count: meeting.attendeeCount })}
      </Caption1>
      {meeting.recurrence && <Caption1>{describeRecurrence(meeting.recurrence, words)}</Caption1>}
    </div>
  );
}
