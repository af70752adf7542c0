import { escapeHtml } from '../calendar/event-view.js';
import { toGraphDateTimeOffset } from '../odata/graph-date-time.js';
import type { StoredMessage } from './mailbox-messages.js';

export type MessageRenderOptions = {
  bodyContentType: 'text' | 'html';
  /** `$select`: only these properties (plus id and @odata.etag, which Graph always returns). */
  select?: string[] | null;
  /** Mail.ReadBasic(.All) reads everything "except for body, bodyPreview, uniqueBody" (permissions reference). */
  withoutBody?: boolean;
};

const recipientOf = (party: { name: string; address: string }) => ({
  emailAddress: { name: party.name, address: party.address },
});

function bodyOf(message: StoredMessage, contentType: 'text' | 'html') {
  if (contentType === 'text') return { contentType, content: message.comment };
  const content = `<html>\r\n<head>\r\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\r\n</head>\r\n<body>\r\n${escapeHtml(message.comment)}\r\n</body>\r\n</html>\r\n`;
  return { contentType, content };
}

/** An eventMessage as `GET /users/{id}/messages` returns it (v1.0 eventMessage resource). */
export function renderMessage(message: StoredMessage, options: MessageRenderOptions): Record<string, unknown> {
  const received = toGraphDateTimeOffset(message.receivedAt);
  const changeKey = Buffer.from(`${message.id}\n0`).toString('base64').slice(0, 40);
  const full: Record<string, unknown> = {
    '@odata.type': '#microsoft.graph.eventMessage',
    '@odata.etag': `W/"${changeKey}"`,
    id: message.id,
    createdDateTime: received,
    lastModifiedDateTime: received,
    changeKey,
    categories: [],
    receivedDateTime: received,
    sentDateTime: received,
    hasAttachments: false,
    internetMessageId: `<${message.id.slice(6, 30)}@emulator.contoso.com>`,
    subject: message.subject,
    bodyPreview: message.comment.replace(/\s+/g, ' ').trim().slice(0, 255),
    importance: 'normal',
    conversationId: Buffer.from(message.meetingUid).toString('base64url').slice(0, 40),
    isDeliveryReceiptRequested: false,
    isReadReceiptRequested: false,
    isRead: false,
    isDraft: false,
    inferenceClassification: 'focused',
    body: bodyOf(message, options.bodyContentType),
    sender: recipientOf(message.from),
    from: recipientOf(message.from),
    toRecipients: message.to.map(recipientOf),
    ccRecipients: [],
    bccRecipients: [],
    replyTo: [],
    flag: { flagStatus: 'notFlagged' },
    meetingMessageType: message.meetingMessageType,
    isDelegated: false,
  };
  if (options.withoutBody) {
    delete full.body;
    delete full.bodyPreview;
  }
  if (!options.select) return full;
  const picked: Record<string, unknown> = { '@odata.etag': full['@odata.etag'], id: full.id };
  for (const name of options.select) {
    const key = Object.keys(full).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
    if (key) picked[key] = full[key];
  }
  return picked;
}
