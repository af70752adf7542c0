/** Graph's meetingMessageType values; `meetingTenativelyAccepted` is Graph's own spelling (eventMessage resource). */
export type MeetingMessageType =
  'meetingRequest' | 'meetingCancelled' | 'meetingAccepted' | 'meetingTenativelyAccepted' | 'meetingDeclined';

export type MessageParty = { name: string; address: string };

/** An eventMessage as Exchange delivers it to a mailbox: a meeting response or cancellation. */
export type StoredMessage = {
  id: string;
  mailboxId: string;
  meetingMessageType: MeetingMessageType;
  subject: string;
  /** The comment the sender typed (plain text); empty when none. */
  comment: string;
  from: MessageParty;
  to: MessageParty[];
  receivedAt: Date;
  /** The meeting it is about (the iCalUId's identity part), for tracing; not rendered. */
  meetingUid: string;
};

// Message ids are opaque like event ids; they come from a counter, not from the seeded id stream, so
// that delivering mail does not change the event ids a test or a convergence seed sees.
const MESSAGE_ID_PREFIX = 'AAMkMG';

/** Every mailbox's received meeting messages (its Inbox, as far as meetings go). */
export class MessageStore {
  private readonly messages = new Map<string, StoredMessage[]>();
  private sequence = 0;

  deliver(message: Omit<StoredMessage, 'id'>): StoredMessage {
    this.sequence += 1;
    const id = `${MESSAGE_ID_PREFIX}${Buffer.from(`${message.mailboxId}\n${this.sequence}`).toString('base64url')}=`;
    const stored = { ...message, id };
    const inbox = this.messages.get(message.mailboxId) ?? [];
    inbox.push(stored);
    this.messages.set(message.mailboxId, inbox);
    return stored;
  }

  /** The mailbox's messages, newest first (as Outlook lists an Inbox). */
  messagesOf(mailboxId: string): StoredMessage[] {
    return [...(this.messages.get(mailboxId) ?? [])].reverse();
  }

  clear(): void {
    this.messages.clear();
    this.sequence = 0;
  }
}
