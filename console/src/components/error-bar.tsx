import { MessageBar, MessageBarBody, Spinner } from '@fluentui/react-components';

/** A failure in words, or nothing. */
export function ErrorBar({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <MessageBar intent="error">
      <MessageBarBody>{message}</MessageBarBody>
    </MessageBar>
  );
}

/** What a tab shows before its data arrived: the spinner, or why loading failed. */
export function LoadingOrError({ error, label }: { error: string | null | undefined; label: string }) {
  return error ? <ErrorBar message={error} /> : <Spinner label={label} />;
}
