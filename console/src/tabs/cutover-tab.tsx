import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { isSameLocation } from '@workplace-sync/shared';
import type { CutoverPlan, CutoverSwitchResult, ExchangeRoomSide, WorkplaceAreaSide } from '@workplace-sync/shared';
import { useState } from 'react';
import type { AdminApiClient } from '../api/admin-api-client.js';
import { CutoverPlanView } from '../components/cutover-plan-view.js';
import { SyncProgressText } from '../components/sync-progress-text.js';
import { messageOf } from '../format.js';
import { useLoaded } from '../hooks/use-loaded.js';
import { useSyncProgress } from '../hooks/use-sync-progress.js';
import { ErrorBar } from '../components/error-bar.js';
import { panelHeadingStyle, scrollingPanelStyle } from '../components/panel-styles.js';
import type { Localizer } from '../i18n/console-i18n.js';
import { useLocalizer } from '../i18n/use-localizer.js';

const useStyles = makeStyles({
  panel: scrollingPanelStyle,
  heading: panelHeadingStyle,
  form: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'end', flexWrap: 'wrap' },
});

/** What would make the two calendars of this pair disagree: seats, and a room Exchange places elsewhere. */
function pairWarnings(area: WorkplaceAreaSide, room: ExchangeRoomSide, { t }: Localizer): string[] {
  const warnings: string[] = [];
  if (room.capacity !== null && room.capacity !== area.capacity) {
    warnings.push(
      t('cutover.capacityMismatch', {
        areaSeats: area.capacity,
        area: area.name,
        room: room.displayName,
        roomSeats: room.capacity,
      }),
    );
  }
  if (
    !isSameLocation(
      { building: area.building, buildingAddress: area.buildingAddress, timeZone: area.timeZone },
      { city: room.city, building: room.building },
    )
  ) {
    warnings.push(
      t('cutover.elsewhere', { room: room.displayName, place: room.city ?? room.building, building: area.building }),
    );
  }
  return warnings;
}

/** The EWS → Graph cutover assistant: pick a room not linked yet, see the dry run, switch. */
export function CutoverTab({ api, announce }: { api: AdminApiClient; announce: (text: string) => void }) {
  const styles = useStyles();
  const localizer = useLocalizer();
  const { t } = localizer;
  const links = useLoaded(() => api.roomLinks());
  const [areaId, setAreaId] = useState('');
  const [mailbox, setMailbox] = useState('');
  const [plan, setPlan] = useState<CutoverPlan | null>(null);
  const [switched, setSwitched] = useState<CutoverSwitchResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const { progress, watch } = useSyncProgress(api, (settled) =>
    announce(
      t(settled.state === 'finished' ? 'cutover.syncFinished' : 'cutover.syncFailed', { mailbox: settled.mailbox }),
    ),
  );

  const run = async (work: () => Promise<void>) => {
    setIsBusy(true);
    setError(null);
    try {
      await work();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setIsBusy(false);
    }
  };
  const areas = (links.data?.areas ?? []).filter((area) => !area.link?.isEnabled);
  const rooms = (links.data?.exchangeRooms ?? []).filter((room) => !room.isEnabled);
  // From all of them: once switched, the pair is linked and no longer among the choices.
  const area = links.data?.areas.find((candidate) => candidate.areaId === areaId);
  const room = links.data?.exchangeRooms.find((candidate) => candidate.mailbox === mailbox);
  const areaLabel = area ? t('cutover.nameIn', { name: area.name, place: area.building }) : areaId;
  const roomLabel = room ? t('cutover.nameIn', { name: room.displayName, place: room.mailbox }) : mailbox;
  const warnings = area && room ? pairWarnings(area, room, localizer) : [];

  return (
    <section className={styles.panel} aria-labelledby="cutover-heading">
      <h2 id="cutover-heading" className={styles.heading}>
        {t('cutover.heading')}
      </h2>
      <p>{t('cutover.intro')}</p>
      <div className={styles.form}>
        <Field label={t('cutover.area')}>
          <Select
            value={areaId}
            onChange={(_event, data) => {
              setAreaId(data.value);
              const suggested = links.data?.areas.find((area) => area.areaId === data.value)?.exchangeMailbox;
              if (suggested && rooms.some((room) => room.mailbox === suggested)) setMailbox(suggested);
              setPlan(null);
            }}
          >
            <option value="">{t('cutover.chooseArea')}</option>
            {areas.map((area) => (
              <option key={area.areaId} value={area.areaId}>
                {t('cutover.nameIn', { name: area.name, place: area.building })}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('cutover.room')}>
          <Select
            value={mailbox}
            onChange={(_event, data) => {
              setMailbox(data.value);
              setPlan(null);
            }}
          >
            <option value="">{t('cutover.chooseRoom')}</option>
            {rooms.map((room) => (
              <option key={room.mailbox} value={room.mailbox}>
                {t('cutover.nameIn', { name: room.displayName, place: room.mailbox })}
              </option>
            ))}
          </Select>
        </Field>
        <Button
          disabled={!areaId || !mailbox || isBusy}
          onClick={() =>
            run(async () => {
              setSwitched(null);
              const dryRun = await api.cutoverDryRun({ areaId, mailbox });
              setPlan(dryRun);
              announce(
                t('cutover.dryRunDone', {
                  linked: dryRun.linked.length,
                  toWorkplace: dryRun.toWorkplace.length,
                  toExchange: dryRun.toExchange.length,
                }),
              );
            })
          }
        >
          {t('cutover.dryRun')}
        </Button>
        <Button
          appearance="primary"
          disabled={!plan || isBusy}
          onClick={() =>
            run(async () => {
              const result = await api.cutoverSwitch({ areaId, mailbox });
              setSwitched(result);
              setPlan(result.plan);
              watch([result.link.progress]);
              announce(t('cutover.switched', { mailbox, count: result.linksRecorded }));
              links.reload();
            })
          }
        >
          {t('cutover.switch')}
        </Button>
      </div>
      {warnings.map((warning) => (
        <MessageBar key={warning} intent="warning">
          <MessageBarBody>{warning}</MessageBarBody>
        </MessageBar>
      ))}
      {isBusy ? <Spinner size="tiny" label={t('cutover.working')} /> : null}
      <ErrorBar message={error} />
      {switched ? (
        <MessageBar intent="success">
          <MessageBarBody>
            {t('cutover.linked', { room: roomLabel, count: switched.linksRecorded })}{' '}
            <SyncProgressText progress={progress[switched.link.mailbox] ?? switched.link.progress} />
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {plan ? <CutoverPlanView plan={plan} areaLabel={areaLabel} roomLabel={roomLabel} /> : null}
    </section>
  );
}
