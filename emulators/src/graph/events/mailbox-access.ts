import type { FastifyRequest } from 'fastify';
import type { Directory, Mailbox } from '../directory/directory.js';
import { callerOf, READ_CALENDARS, READ_MAIL, requirePermission, WRITE_CALENDARS } from '../auth/graph-caller.js';
import type { GraphCaller } from '../auth/graph-caller.js';
import { accessDenied, badRequest, GraphError, invalidUser } from '../odata/graph-error.js';
import type { FaultInjector } from '../control/fault-injector.js';
import type { MailboxThrottle } from '../throttling/mailbox-throttle.js';

export type MailboxAccessDeps = { directory: Directory; throttle: MailboxThrottle; faults: FaultInjector };

/** Calendar read or write, or reading the mailbox's messages. */
export type Access = 'read' | 'write' | 'readMail';

const PERMISSIONS_FOR: Record<Access, string[]> = { read: READ_CALENDARS, write: WRITE_CALENDARS, readMail: READ_MAIL };

/** The caller may reach the mailbox only inside its app's mailbox scope (ApplicationAccessPolicy / RBAC). */
function isInScope(caller: GraphCaller, mailbox: Mailbox): boolean {
  if (caller.kind === 'delegated' || !caller.app) return true;
  const scope = caller.app.mailboxScope;
  if (scope === 'all') return true;
  if (scope === 'rooms') return mailbox.kind === 'room';
  return scope.some(
    (entry) => entry.toLowerCase() === mailbox.email.toLowerCase() || entry.toLowerCase() === mailbox.id.toLowerCase(),
  );
}

/** Resolves `/users/{id|upn}` (or `/me`) for the caller, applying permissions, scope, faults and throttling. */
export async function openMailbox(
  request: FastifyRequest,
  user: string | undefined,
  access: Access,
  { directory, throttle, faults }: MailboxAccessDeps,
): Promise<Mailbox> {
  const caller = callerOf(request);
  requirePermission(caller, PERMISSIONS_FOR[access]);
  let mailbox: Mailbox | undefined;
  if (user === undefined) {
    if (caller.kind !== 'delegated') throw badRequest('/me request is only valid with delegated authentication flow.');
    mailbox = directory.find(caller.userId) ?? directory.find(caller.userPrincipalName);
    if (!mailbox) throw invalidUser(caller.userPrincipalName);
  } else {
    mailbox = directory.find(user);
    if (!mailbox) throw invalidUser(user);
  }
  if (mailbox.isRestApiDisabled) {
    throw new GraphError(
      404,
      'MailboxNotEnabledForRESTAPI',
      'The mailbox is either inactive, soft-deleted, or is hosted on-premise.',
    );
  }
  if (!isInScope(caller, mailbox)) throw accessDenied('Access to OData is disabled.');
  // The slot is taken first, so that injected latency holds it like a slow request would.
  throttle.admit(request, caller.appId, mailbox.id);
  await faults.apply({ method: request.method, path: request.url, mailbox }, 'mailbox');
  return mailbox;
}
