import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import type { MeetingNotice } from '@workplace-sync/shared';
import { useLocalizer } from '../i18n/use-localizer.js';

/**
 * What the server says about the meeting's time while still offering rooms (a 12-hour meeting is most
 * often an end time on the wrong half of the clock): once, at the top, as a warning with no action,
 * since only Outlook's own time fields can change it.
 */
export function MeetingNotices({ notices }: { notices: readonly MeetingNotice[] }) {
  const { t, locale } = useLocalizer();
  if (notices.length === 0) return null;
  const hours = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  return (
    <>
      {notices.map((notice) => (
        <MessageBar key={notice.code} intent="warning">
          <MessageBarBody>
            {t('meeting.longMeeting', { hours: hours.format(notice.durationMinutes / 60) })}
          </MessageBarBody>
        </MessageBar>
      ))}
    </>
  );
}
