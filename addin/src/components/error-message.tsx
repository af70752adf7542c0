import { Button, MessageBar, MessageBarActions, MessageBarBody } from '@fluentui/react-components';
import { ApiError } from '@workplace-sync/shared';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { DialogError } from '../office/auth-dialog.js';

/** The error in words: a failed sign-in window in the pane's language, anything else as it came. */
function messageOf(error: unknown, t: TFunction): string {
  for (let cause: unknown = error; cause instanceof Error; cause = cause.cause) {
    if (cause instanceof DialogError && cause.failure !== 'failed' && cause.failure !== 'foreign-origin') {
      return t(`signInError.${cause.failure}`);
    }
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Whether asking again can help: the server unreachable or slow, busy (429) or failing (5xx), Outlook
 * itself. A request the server refused for what it says (a meeting that has ended, times out of order)
 * fails the same way every time: no "Try again" for it.
 */
const isRetryable = (error: unknown) =>
  !(error instanceof ApiError) || error.status === 0 || error.status === 429 || error.status >= 500;

export function ErrorMessage({ title, error, onRetry }: { title: string; error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <MessageBar intent="error">
      <MessageBarBody>
        <strong>{title}</strong> {messageOf(error, t)}
      </MessageBarBody>
      {onRetry && isRetryable(error) && (
        <MessageBarActions>
          <Button onClick={onRetry}>{t('pane.tryAgain')}</Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
