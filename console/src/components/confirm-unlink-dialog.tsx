import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from '@fluentui/react-components';

/** "Unlink?" before a room stops syncing: what it means, and a way back out. */
export function ConfirmUnlinkDialog({
  target,
  onConfirm,
  onCancel,
}: {
  target: { areaName: string; mailbox: string } | null;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <Dialog open={target !== null} onOpenChange={(_event, data) => !data.open && onCancel()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Unlink {target?.areaName}?</DialogTitle>
          <DialogContent>
            The sync of {target?.areaName} and {target?.mailbox} stops: bookings made in Outlook no longer reach
            Workplace, and Workplace reservations no longer reach the room calendar. Bookings already synced stay as
            they are, and linking again later syncs what changed meanwhile.
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={onConfirm}>
              Unlink
            </Button>
            <Button onClick={onCancel}>Cancel</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
