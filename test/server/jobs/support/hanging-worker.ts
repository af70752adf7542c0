// A worker process for the SIGKILL test: it claims one `room-changed` job, says so on stdout and
// hangs inside the handler until it is killed.
//   node --conditions=source --import tsx test/server/jobs/support/hanging-worker.ts <postgres url> <lease ms>
import { createSqlJobQueue } from '../../../../server/src/jobs/sql-job-queue.js';
import { createDb } from '../../../../server/src/storage/create-db.js';

const [url, leaseMs] = process.argv.slice(2);
const database = await createDb({ kind: 'postgres', url: url! });
const queue = await createSqlJobQueue<{ 'room-changed': { mailbox: string } }>(database, {
  leaseMs: Number(leaseMs),
  pollIntervalMs: 50,
});
queue.work('room-changed', async (job) => {
  process.stdout.write(`started ${job.id} attempt ${job.attempt}\n`);
  await new Promise(() => undefined);
});
