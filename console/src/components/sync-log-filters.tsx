import { Button, Field, Input, Select, Switch, makeStyles, tokens } from '@fluentui/react-components';
import type { SYNC_LOG_ACTIONS } from '@workplace-sync/shared';
import { useState } from 'react';
import type { SyncLogFilter } from '../console-route.js';
import { useLocalizer } from '../i18n/use-localizer.js';

// A copy of the contract's list (a type-only import keeps zod out of the bundle); the type keeps it in step.
const ACTIONS: ReadonlyArray<(typeof SYNC_LOG_ACTIONS)[number]> = [
  'created',
  'updated',
  'cancelled',
  'declined',
  'linked',
  'conflict-resolved',
  'echo-ignored',
  'skipped',
];

const useStyles = makeStyles({
  form: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'end', flexWrap: 'wrap' },
});

/** `datetime-local` values are local wall-clock times: sent as instants. */
export const toInstant = (local: string) => (local ? new Date(local).toISOString() : undefined);

/** The sync log's search form: room, organizer, action and time range (filtered by the server). */
export function SyncLogFilters({
  initial,
  onSearch,
}: {
  initial: SyncLogFilter;
  onSearch: (filter: SyncLogFilter) => void;
}) {
  const styles = useStyles();
  const { t } = useLocalizer();
  const [filter, setFilter] = useState<SyncLogFilter>(initial);
  const set = (name: Exclude<keyof SyncLogFilter, 'housekeeping'>) => (_event: unknown, data: { value: string }) =>
    setFilter((current) => ({ ...current, [name]: data.value }));
  return (
    <form
      className={styles.form}
      role="search"
      aria-label={t('syncLog.search')}
      onSubmit={(event) => {
        event.preventDefault();
        onSearch(filter);
      }}
    >
      <Field label={t('syncLog.room')}>
        <Input value={filter.room} onChange={set('room')} placeholder={t('syncLog.roomPlaceholder')} />
      </Field>
      <Field label={t('syncLog.organizer')}>
        <Input value={filter.organizer} onChange={set('organizer')} placeholder={t('syncLog.organizerPlaceholder')} />
      </Field>
      <Field label={t('syncLog.whatHappened')}>
        <Select value={filter.action} onChange={set('action')}>
          <option value="">{t('syncLog.anything')}</option>
          {ACTIONS.map((action) => (
            <option key={action} value={action}>
              {t(`syncLog.action.${action}`)}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t('syncLog.from')}>
        <Input type="datetime-local" value={filter.from} onChange={set('from')} />
      </Field>
      <Field label={t('syncLog.to')}>
        <Input type="datetime-local" value={filter.to} onChange={set('to')} />
      </Field>
      <Switch
        label={t('syncLog.housekeeping')}
        checked={filter.housekeeping}
        onChange={(_event, data) => {
          const next = { ...filter, housekeeping: data.checked };
          setFilter(next);
          onSearch(next);
        }}
      />
      <Button type="submit" appearance="primary">
        {t('syncLog.searchButton')}
      </Button>
    </form>
  );
}
