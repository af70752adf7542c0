import { z } from 'zod';
import { parseGraphBody } from '../transport/graph-http.js';
import type { GraphHttp } from '../transport/graph-http.js';
import { mailboxPath } from './graph-request-parts.js';

const SubjectPage = z.object({ value: z.array(z.object({ subject: z.string().nullish() })) });

/** OData string literals double their single quotes. */
const odataString = (value: string) => `'${value.replaceAll("'", "''")}'`;

/**
 * The subject of the organizer's copy of a meeting (`GET /users/{organizer}/events?$filter=iCalUId eq
 * '…'&$select=subject`): a room with DeleteSubject keeps only the organizer's name, the organizer's
 * copy has the real one. Null when the organizer's calendar holds no such meeting. An app limited to
 * room mailboxes (ApplicationAccessPolicy, RBAC scope) is refused: FORBIDDEN.
 */
export async function findOrganizerSubject(
  http: GraphHttp,
  organizer: string,
  iCalUId: string,
): Promise<string | null> {
  const { body } = await http.send({
    method: 'GET',
    path: `${mailboxPath(organizer)}/events?$filter=${encodeURIComponent(`iCalUId eq ${odataString(iCalUId)}`)}&$select=subject&$top=1`,
    mailbox: organizer,
  });
  const [copy] = parseGraphBody(SubjectPage, body, "organizer's events").value;
  return copy ? (copy.subject ?? '') : null;
}
