import type { Db } from './create-db.js';
import { bookingLinks, databaseRole, rooms } from './schema.js';

export type DatabaseRole = 'embedded' | 'real';

/** The database belongs to the other mode (or holds data no embedded start created). */
export class DatabaseRoleMismatch extends Error {
  override readonly name = 'DatabaseRoleMismatch';
  constructor(
    readonly wanted: DatabaseRole,
    readonly found: DatabaseRole,
  ) {
    super(`the database belongs to ${found} mode, not ${wanted} mode`);
  }
}

/**
 * Records which mode uses this database, or checks it. A database without a record is claimed by the
 * mode starting on it — unless it already holds rooms or bookings (used by real mode before roles were
 * recorded): that one is real mode's. Throws DatabaseRoleMismatch, touching nothing, otherwise.
 */
export async function claimDatabaseRole(db: Db, wanted: DatabaseRole): Promise<void> {
  const [recorded] = await db.select({ role: databaseRole.role }).from(databaseRole);
  if (recorded) {
    if (recorded.role !== wanted) throw new DatabaseRoleMismatch(wanted, recorded.role);
    return;
  }
  const [room] = await db.select({ mailbox: rooms.mailbox }).from(rooms).limit(1);
  const [link] = await db.select({ mailbox: bookingLinks.mailbox }).from(bookingLinks).limit(1);
  if ((room || link) && wanted === 'embedded') throw new DatabaseRoleMismatch(wanted, 'real');
  await db.insert(databaseRole).values({ id: 1, role: wanted }).onConflictDoNothing();
  const [now] = await db.select({ role: databaseRole.role }).from(databaseRole);
  if (now && now.role !== wanted) throw new DatabaseRoleMismatch(wanted, now.role);
}
