import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useLocalizer } from '../i18n/use-localizer.js';

export type RoomLostMessageProps = {
  room: string;
  /** Why the room is not free at the new time, in words. */
  reason: string;
  /** Rooms free at the new time, best first (names). Empty while the new time is being checked. */
  alternatives: readonly string[];
  isChecking: boolean;
};

/**
 * The held room had to come off the moved meeting: said where the organizer looks (not only to screen
 * readers), why, and which rooms are free instead. The list below offers those rooms, not the lost one.
 */
export function RoomLostMessage({ room, reason, alternatives, isChecking }: RoomLostMessageProps) {
  const { t, locale } = useLocalizer();
  const list = new Intl.ListFormat(locale, { type: 'conjunction' }).format(alternatives);
  return (
    <MessageBar intent="warning" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{t('roomLost.title', { room })}</MessageBarTitle> {t('roomLost.reason', { reason })}{' '}
        {isChecking
          ? t('roomLost.checking')
          : alternatives.length > 0
            ? t('roomLost.alternatives', { rooms: list, count: alternatives.length })
            : t('roomLost.noAlternative')}
      </MessageBarBody>
    </MessageBar>
  );
}
