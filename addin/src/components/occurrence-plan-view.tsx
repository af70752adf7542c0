import { Field, Select, makeStyles, tokens } from '@fluentui/react-components';
import type { Room } from '@workplace-sync/shared';
import type { OccurrenceAssignment } from '../booking/occurrence-plan.js';
import { useLocalizer } from '../i18n/use-localizer.js';
import { formatDay, formatTimeRange } from '../time/meeting-time-format.js';
import { StatusText } from './status-text.js';

export type OccurrencePlanViewProps = {
  plan: OccurrenceAssignment[];
  chosenRoom: Room;
  rooms: Room[];
  hasMoreOccurrences: boolean;
  onChoose: (occurrenceStart: string, roomId: string | null) => void;
  timeZone?: string;
};

const useStyles = makeStyles({
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
  },
  heading: {
    margin: `0 0 ${tokens.spacingVerticalXS}`,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
  when: { display: 'block' },
});

/** Every date of the series and its room; where the chosen room is taken, a choice of free rooms. */
export function OccurrencePlanView({
  plan,
  chosenRoom,
  rooms,
  hasMoreOccurrences,
  onChoose,
  timeZone,
}: OccurrencePlanViewProps) {
  const styles = useStyles();
  const { t, locale } = useLocalizer();
  const nameOf = (roomId: string) => rooms.find((room) => room.id === roomId)?.name ?? roomId;
  // An alternative that needs approval is tentative in Outlook until approved: said where it is offered.
  const needsApproval = (roomId: string) => rooms.find((room) => room.id === roomId)?.approvalRequired ?? false;
  const conflicts = plan.filter((assignment) => assignment.roomId !== chosenRoom.id).length;
  const more = hasMoreOccurrences ? '+' : '';
  return (
    <section aria-labelledby="occurrence-plan-heading">
      <h3 id="occurrence-plan-heading" className={styles.heading}>
        {conflicts > 0
          ? t('plan.datesTaken', { dates: plan.length, more, room: chosenRoom.name, count: conflicts })
          : t('plan.dates', { count: plan.length, more })}
      </h3>
      <ol className={styles.list}>
        {plan.map((assignment) => {
          const start = new Date(assignment.occurrence.start);
          const end = new Date(assignment.occurrence.end);
          const when = formatTimeRange(start, end, timeZone, locale);
          return (
            <li key={assignment.occurrence.start}>
              <span className={styles.when}>{when}</span>
              {assignment.roomId === chosenRoom.id ? (
                <StatusText tone="success">{chosenRoom.name}</StatusText>
              ) : (
                <>
                  <StatusText tone={assignment.roomId ? 'warning' : 'danger'}>
                    {assignment.roomId
                      ? t(needsApproval(assignment.roomId) ? 'plan.takenInsteadNeedsApproval' : 'plan.takenInstead', {
                          room: chosenRoom.name,
                          other: nameOf(assignment.roomId),
                        })
                      : t('plan.takenNoOther', { room: chosenRoom.name })}
                  </StatusText>
                  <Field label={t('plan.roomOn', { date: formatDay(start, timeZone, locale) })}>
                    <Select
                      value={assignment.roomId ?? ''}
                      onChange={(_event, data) => onChoose(assignment.occurrence.start, data.value || null)}
                    >
                      {assignment.candidates.map((roomId) => (
                        <option key={roomId} value={roomId}>
                          {needsApproval(roomId) ? t('plan.needsApproval', { room: nameOf(roomId) }) : nameOf(roomId)}
                        </option>
                      ))}
                      <option value="">{t('plan.noRoom')}</option>
                    </Select>
                  </Field>
                </>
              )}
            </li>
          );
        })}
      </ol>
      {hasMoreOccurrences && <p>{t('plan.later')}</p>}
    </section>
  );
}
