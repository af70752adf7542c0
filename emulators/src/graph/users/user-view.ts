import type { Mailbox } from '../directory/directory.js';
import { directoryBadRequest } from '../odata/graph-error.js';

/** What GET /users/{id} returns without $select, in the order of Microsoft's sample ([USER-GET]). */
const DEFAULT_PROPERTIES = [
  'businessPhones',
  'displayName',
  'givenName',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
  'id',
];

/** The microsoft.graph.user properties the emulator keeps (v1.0 CSDL names); the rest are not modelled. */
function propertiesOf(mailbox: Mailbox): Record<string, unknown> {
  return {
    businessPhones: [],
    displayName: mailbox.displayName,
    givenName: null,
    jobTitle: null,
    mail: mailbox.email,
    mobilePhone: null,
    officeLocation: mailbox.officeLocation,
    preferredLanguage: null,
    surname: null,
    userPrincipalName: mailbox.userPrincipalName,
    id: mailbox.id,
    // Room mailboxes are user objects whose account is disabled: nobody signs in as a room.
    accountEnabled: mailbox.kind === 'user',
    mailNickname: mailbox.email.split('@')[0],
    otherMails: [],
    proxyAddresses: [...mailbox.proxyAddresses],
    userType: 'Member',
  };
}

const SELECTABLE = new Map(
  [...DEFAULT_PROPERTIES, 'accountEnabled', 'mailNickname', 'otherMails', 'proxyAddresses', 'userType'].map((name) => [
    name.toLowerCase(),
    name,
  ]),
);

/**
 * A user as Graph renders it: the default properties, or exactly those `$select`ed (names are
 * case-insensitive; `id` only when asked for, and `proxyAddresses` only on $select, as Graph does).
 */
export function renderUser(mailbox: Mailbox, select: string[] | null): Record<string, unknown> {
  const properties = propertiesOf(mailbox);
  const names = select === null ? DEFAULT_PROPERTIES : select.map(canonicalPropertyName);
  return Object.fromEntries([...new Set(names)].map((name) => [name, properties[name]]));
}

function canonicalPropertyName(name: string): string {
  const canonical = SELECTABLE.get(name.toLowerCase());
  if (!canonical)
    throw directoryBadRequest(`Could not find a property named '${name}' on type 'microsoft.graph.user'.`);
  return canonical;
}
