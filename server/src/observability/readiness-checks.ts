import { sql } from 'drizzle-orm';
import type { Database, Db } from '../storage/create-db.js';

/** A readiness check: resolves when the dependency answers, throws (or times out) when it does not. */
export type ReadinessCheck = () => Promise<void>;

/** The database answers a `select 1`. */
export const databaseCheck =
  (database: Database): ReadinessCheck =>
  async () => {
    await database.db.execute(sql`select 1`);
  };

/** The queue takes work: it is not stopping, and its table can be read. */
export const queueCheck =
  (db: Db, { isAccepting }: { isAccepting: () => boolean }): ReadinessCheck =>
  async () => {
    if (!isAccepting()) throw new Error('the job queue is stopping');
    await db.execute(sql`select 1 from jobs limit 1`);
  };

/** Microsoft Graph answers a small authenticated read (the tenant's room lists): token and API both work. */
export const graphCheck =
  (graph: { listRoomLists(): Promise<unknown> }): ReadinessCheck =>
  async () => {
    await graph.listRoomLists();
  };

/** The Workplace API answers a small authenticated read (its buildings). */
export const workplaceCheck =
  (workplace: { listBuildings(): Promise<unknown> }): ReadinessCheck =>
  async () => {
    await workplace.listBuildings();
  };
