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

const useStyles = makeStyles({
  panel: scrollingPanelStyle,
  heading: panelHeadingStyle,
  form: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'end', flexWrap: 'wrap' },
});

/** What would make the two calendars of this pair disagree: seats, and a room Exchange places elsewhere. */
function pairWarnings(area: WorkplaceAreaSide, room: ExchangeRoomSide): string[] {
  const warnings: string[] = [];
  if (room.capacity !== null && room.capacity !== area.capacity) {
    warnings.push(
      `Capacity mismatch: Workplace seats ${area.capacity} in ${area.name}, Exchange says ${room.displayName} seats ${room.capacity}. People picking a room by size see different rooms in Outlook and Workplace: align the two before switching.`,
    );
  }
  if (
    !isSameLocation(
      { building: area.building, buildingAddress: area.buildingAddress, timeZone: area.timeZone },
      { city: room.city, building: room.building },
    )
  ) {
    warnings.push(
      `Exchange places ${room.displayName} in ${room.city ?? room.building}, not in ${area.building}: check that this is the same room.`,
    );
  }
  return warnings;
}

/** The EWS → Graph cutover assistant: pick a room not linked yet, see the dry run, switch. */
export function CutoverTab({ api, announce }: { api: AdminApiClient; announce: (text: string) => void }) {
  const styles = useStyles();
  const links = useLoaded(() => api.roomLinks());
  const [areaId, setAreaId] = useState('');
  const [mailbox, setMailbox] = useState('');
  const [plan, setPlan] = useState<CutoverPlan | null>(null);
  const [switched, setSwitched] = useState<CutoverSwitchResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const { progress, watch } = useSyncProgress(api, (settled) =>
    announce(`The first sync of ${settled.mailbox} ${settled.state === 'finished' ? 'finished' : 'failed'}`),
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
  const areaLabel = area ? `${area.name} (${area.building})` : areaId;
  const roomLabel = room ? `${room.displayName} (${room.mailbox})` : mailbox;
  const warnings = area && room ? pairWarnings(area, room) : [];

  return (
    <section className={styles.panel} aria-labelledby="cutover-heading">
      <h2 id="cutover-heading" className={styles.heading}>
        EWS → Graph cutover
      </h2>
      <p>
        For a room the old integration still syncs: see which future bookings exist on both sides, then switch. The
        switch links the room with those bookings recorded as linked, so its first sync does not duplicate them.
      </p>
      <div className={styles.form}>
        <Field label="Workplace area">
          <Select
            value={areaId}
            onChange={(_event, data) => {
              setAreaId(data.value);
              const suggested = links.data?.areas.find((area) => area.areaId === data.value)?.exchangeMailbox;
              if (suggested && rooms.some((room) => room.mailbox === suggested)) setMailbox(suggested);
              setPlan(null);
            }}
          >
            <option value="">Choose an area</option>
            {areas.map((area) => (
              <option key={area.areaId} value={area.areaId}>
                {area.name} ({area.building})
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Exchange room">
          <Select
            value={mailbox}
            onChange={(_event, data) => {
              setMailbox(data.value);
              setPlan(null);
            }}
          >
            <option value="">Choose a room</option>
            {rooms.map((room) => (
              <option key={room.mailbox} value={room.mailbox}>
                {room.displayName} ({room.mailbox})
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
                `Dry run: ${dryRun.linked.length} on both sides, ${dryRun.toWorkplace.length} only in Exchange, ${dryRun.toExchange.length} only in Workplace`,
              );
            })
          }
        >
          Dry run
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
              announce(`Switched: ${mailbox} linked with ${result.linksRecorded} bookings recorded as linked`);
              links.reload();
            })
          }
        >
          Switch
        </Button>
      </div>
      {warnings.map((warning) => (
        <MessageBar key={warning} intent="warning">
          <MessageBarBody>{warning}</MessageBarBody>
        </MessageBar>
      ))}
      {isBusy ? <Spinner size="tiny" label="Working" /> : null}
      <ErrorBar message={error} />
      {switched ? (
        <MessageBar intent="success">
          <MessageBarBody>
            {roomLabel} is linked; {switched.linksRecorded} bookings recorded as linked.{' '}
            <SyncProgressText progress={progress[switched.link.mailbox] ?? switched.link.progress} />
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {plan ? <CutoverPlanView plan={plan} areaLabel={areaLabel} roomLabel={roomLabel} /> : null}
    </section>
  );
}
