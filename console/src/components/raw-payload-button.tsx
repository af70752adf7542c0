import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { messageOf } from '../format.js';

const useStyles = makeStyles({
  payload: {
    margin: 0,
    maxHeight: '60vh',
    overflow: 'auto',
    padding: tokens.spacingHorizontalS,
    backgroundColor: tokens.colorNeutralBackground3,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
  },
});

/** "Raw payload": what the sync read of a quarantined booking, fetched only when asked for. */
export function RawPayloadButton({ label, load }: { label: string; load: () => Promise<unknown> }) {
  const styles = useStyles();
  const [payload, setPayload] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <Dialog
      onOpenChange={(_event, data) => {
        if (!data.open || payload !== null) return;
        load()
          .then((value) => setPayload(JSON.stringify(value, null, 2)))
          .catch((failure: unknown) => setError(messageOf(failure)));
      }}
    >
      <DialogTrigger disableButtonEnhancement>
        <Button size="small" appearance="subtle" aria-label={`Raw payload of ${label}`}>
          Raw payload
        </Button>
      </DialogTrigger>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>What the sync read</DialogTitle>
          <DialogContent>
            <p>{label}</p>
            {error ? <p role="alert">{error}</p> : null}
            {payload === null && !error ? <Spinner size="tiny" label="Loading the payload" /> : null}
            {payload !== null ? (
              // Focusable so keyboard users can scroll a long payload.
              <pre className={styles.payload} tabIndex={0} aria-label="Raw payload">
                {payload}
              </pre>
            ) : null}
          </DialogContent>
          <DialogActions>
            <DialogTrigger disableButtonEnhancement>
              <Button appearance="primary">Close</Button>
            </DialogTrigger>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
