import { officeAsync } from './office-async.js';

// The open task pane says, on the item, that it follows the meeting itself; the event handlers then
// leave the hold alone instead of racing the pane (both would release the old hold and hold the room
// again, and the second would find the room taken by the first). Outlook gives no way to ask whether a
// pane is open, and may close one without running any of its code: so a stamp refreshed every 10 s that
// counts for 25 s. It lives in sessionData (Mailbox 1.11, like the events themselves): a client without
// it runs no event handlers either.

const PANE_OPEN_KEY = 'workplacePaneOpenAt';
export const PANE_ANNOUNCE_EVERY_MS = 10_000;
const PANE_ANNOUNCEMENT_VALID_MS = 25_000;

type SessionData = {
  getAsync(name: string, callback: (result: Office.AsyncResult<string>) => void): void;
  setAsync(name: string, value: string, callback: (result: Office.AsyncResult<unknown>) => void): void;
  removeAsync(name: string, callback: (result: Office.AsyncResult<unknown>) => void): void;
};

const sessionDataOf = (item: unknown): SessionData | null => {
  const sessionData = (item as { sessionData?: SessionData } | null)?.sessionData;
  return sessionData && typeof sessionData.getAsync === 'function' ? sessionData : null;
};

/** Announces the open pane on `item` until the returned function is called (the pane closes). */
export function announcePaneOpen(item: unknown, now: () => Date = () => new Date()): () => void {
  const sessionData = sessionDataOf(item);
  if (!sessionData) return () => undefined;
  const write = () =>
    void officeAsync<unknown>((done) => sessionData.setAsync(PANE_OPEN_KEY, now().toISOString(), done)).catch(
      () => undefined,
    );
  write();
  const timer = setInterval(write, PANE_ANNOUNCE_EVERY_MS);
  return () => {
    clearInterval(timer);
    void officeAsync<unknown>((done) => sessionData.removeAsync(PANE_OPEN_KEY, done)).catch(() => undefined);
  };
}

/** Whether a pane announced itself on `item` within the last 25 s. */
export async function isPaneAnnounced(item: unknown, now: Date): Promise<boolean> {
  const sessionData = sessionDataOf(item);
  if (!sessionData) return false;
  const stamp = await officeAsync<string>((done) => sessionData.getAsync(PANE_OPEN_KEY, done)).catch(() => '');
  const at = Date.parse(stamp);
  return Number.isFinite(at) && at <= now.getTime() + 5_000 && now.getTime() - at < PANE_ANNOUNCEMENT_VALID_MS;
}
