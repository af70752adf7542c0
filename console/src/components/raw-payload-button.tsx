import { Button, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { useId, useState } from 'react';
import { messageOf } from '../format.js';
import { useLocalizer } from '../i18n/use-localizer.js';

const useStyles = makeStyles({
  payload: {
    margin: 0,
    maxHeight: '40vh',
    maxWidth: '40rem',
    overflow: 'auto',
    padding: tokens.spacingHorizontalS,
    backgroundColor: tokens.colorNeutralBackground3,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
  },
});

/**
 * "Raw payload": what the sync read of a quarantined booking, fetched when asked for and shown below the
 * button (a disclosure, not a dialog: a closed Fluent Dialog leaves focus sentinels that axe reports).
 */
export function RawPayloadButton({ label, load }: { label: string; load: () => Promise<unknown> }) {
  const styles = useStyles();
  const { t } = useLocalizer();
  const panelId = useId();
  const [isOpen, setIsOpen] = useState(false);
  const [payload, setPayload] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const toggle = () => {
    setIsOpen(!isOpen);
    if (isOpen || payload !== null) return;
    load()
      .then((value) => setPayload(JSON.stringify(value, null, 2)))
      .catch((failure: unknown) => setError(messageOf(failure)));
  };
  return (
    <>
      <Button
        size="small"
        appearance="subtle"
        aria-label={t('failed.rawPayloadOf', { item: label })}
        aria-expanded={isOpen}
        aria-controls={panelId}
        onClick={toggle}
      >
        {isOpen ? t('failed.hideRawPayload') : t('failed.rawPayload')}
      </Button>
      <div id={panelId} hidden={!isOpen}>
        {isOpen && error ? <p role="alert">{error}</p> : null}
        {isOpen && payload === null && !error ? <Spinner size="tiny" label={t('failed.loadingPayload')} /> : null}
        {isOpen && payload !== null ? (
          // Focusable so keyboard users can scroll a long payload.
          <pre className={styles.payload} tabIndex={0} aria-label={t('failed.whatTheSyncRead', { item: label })}>
            {payload}
          </pre>
        ) : null}
      </div>
    </>
  );
}
