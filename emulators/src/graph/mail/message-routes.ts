import type { FastifyPluginAsync } from 'fastify';
import { callerOf, READ_MAIL_FULL } from '../auth/graph-caller.js';
import { isGranted } from '../auth/graph-caller.js';
import { openMailbox } from '../events/mailbox-access.js';
import type { MailboxAccessDeps } from '../events/mailbox-access.js';
import { mailboxRoute } from '../events/mailbox-routes.js';
import type { MailboxRequest } from '../events/mailbox-routes.js';
import { itemNotFound } from '../odata/graph-error.js';
import { evaluateFilter } from '../odata/odata-filter.js';
import { readPreferences } from '../odata/prefer-header.js';
import { readQueryOptions } from '../odata/query-options.js';
import { linkWith, serviceRootOf } from '../odata/service-root.js';
import type { MessageStore } from './mailbox-messages.js';
import { renderMessage } from './message-view.js';
import type { MessageRenderOptions } from './message-view.js';

export type MessageRoutesOptions = MailboxAccessDeps & { messages: MessageStore };

const DEFAULT_PAGE_SIZE = 10;

/**
 * The meeting messages of a mailbox under /users/{id|upn}/messages and /me/messages ([MAIL]): responses
 * in the organizer's, cancellations in the attendees'; newest first, `$top`/`$skip`, `$select`, `$filter`.
 */
export const messageRoutes: FastifyPluginAsync<MessageRoutesOptions> = async (app, options) => {
  const { messages } = options;

  const renderOptionsOf = (request: MailboxRequest, select: string[] | null): MessageRenderOptions => ({
    bodyContentType: readPreferences(request.headers).bodyContentType ?? 'html',
    select,
    withoutBody: !READ_MAIL_FULL.some((permission) => isGranted(callerOf(request), permission)),
  });

  mailboxRoute(app, 'GET', '/messages', async (request, _reply, user) => {
    const mailbox = await openMailbox(request, user, 'readMail', options);
    const query = readQueryOptions(request.query);
    const render = renderOptionsOf(request, query.select);
    const all = messages.messagesOf(mailbox.id);
    const items = query.filter
      ? all.filter((message) => evaluateFilter(query.filter!, renderMessage(message, { ...render, select: null })))
      : all;
    const pageSize = Math.min(query.top ?? readPreferences(request.headers).maxPageSize ?? DEFAULT_PAGE_SIZE, 1000);
    const page = items.slice(query.skip, query.skip + pageSize);
    const body: Record<string, unknown> = {
      '@odata.context': `${serviceRootOf(request)}/$metadata#users('${mailbox.id}')/messages`,
      value: page.map((message) => renderMessage(message, render)),
    };
    if (query.skip + pageSize < items.length)
      body['@odata.nextLink'] = linkWith(request, { $skip: String(query.skip + pageSize) });
    return body;
  });

  mailboxRoute(app, 'GET', '/messages/:messageId', async (request, _reply, user) => {
    const mailbox = await openMailbox(request, user, 'readMail', options);
    const message = messages.messagesOf(mailbox.id).find((candidate) => candidate.id === request.params.messageId);
    if (!message) throw itemNotFound();
    const query = readQueryOptions(request.query);
    return {
      '@odata.context': `${serviceRootOf(request)}/$metadata#users('${mailbox.id}')/messages/$entity`,
      ...renderMessage(message, renderOptionsOf(request, query.select)),
    };
  });
};
