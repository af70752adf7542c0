import { Spinner } from '@fluentui/react-components';
import type { SyncProgress } from '@workplace-sync/shared';

const TEXT: Record<SyncProgress['state'], string> = {
  none: 'No sync yet',
  queued: 'First sync queued',
  running: 'First sync running',
  finished: 'First sync finished',
  failed: 'First sync failed',
};

/** The state of a room's first sync in words (a spinner only repeats it). */
export function SyncProgressText({ progress }: { progress: SyncProgress }) {
  const isBusy = progress.state === 'queued' || progress.state === 'running';
  const text = `${TEXT[progress.state]}${progress.state === 'failed' && progress.error ? `: ${progress.error}` : ''}`;
  return isBusy ? <Spinner size="extra-tiny" label={text} labelPosition="after" /> : <span>{text}</span>;
}
