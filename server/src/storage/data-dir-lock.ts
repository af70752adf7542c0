import { randomUUID } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { link, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';

// PGlite opens a data directory without any lock of its own: a second process (or a second PGlite in
// this one) attaches to the same files, both write, and the database is corrupted without an error.
// So embedded mode holds this lock file, which names its holder.
//
// Why a pid file rather than proper-lockfile's mtime heartbeat: a heartbeat is a timer on the event
// loop, and PGlite runs its queries on that same thread, so a long query or a large migration can
// starve it past the stale threshold and the lock is declared compromised under a live process. A pid
// check has no timer; after a crash the next start on the same host takes the lock over at once.
// Its limit: a holder on another host (a data directory on a shared volume) cannot be probed, so that
// lock is only ever released by its holder or by an operator deleting the file, as the error says.

export const lockFileName = 'workplace-sync.lock';

export type LockHolder = { pid: number; hostname: string; command: string; since: string; token: string };

export class DataDirInUseError extends Error {
  override readonly name = 'DataDirInUseError';
  constructor(
    readonly dataDir: string,
    readonly lockFile: string,
    readonly holder: LockHolder | null,
  ) {
    super(describeConflict(dataDir, lockFile, holder));
  }
}

export type DataDirLock = { readonly lockFile: string; release(): Promise<void> };

/** Lock files held by this process: a lock naming our own pid but missing here was left by an earlier process. */
const heldLockFiles = new Set<string>();

/** Takes the lock for `dataDir` (an existing, canonical path) or throws DataDirInUseError. */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  const lockFile = path.join(dataDir, lockFileName);
  const me: LockHolder = {
    pid: process.pid,
    hostname: hostname(),
    command: process.argv.slice(1).join(' ').slice(0, 300),
    since: new Date().toISOString(),
    token: randomUUID(),
  };
  const content = JSON.stringify(me);
  let lastHolder: LockHolder | null = null;

  // A few rounds cover a concurrent release or stale takeover; a live holder ends the loop at once.
  for (let round = 0; round < 3; round += 1) {
    if (await tryCreateExclusive(lockFile, content)) return holdLock(lockFile, me.token);

    const holderText = await readFile(lockFile, 'utf8').catch(ignoreMissing);
    if (holderText === null) continue;
    lastHolder = parseHolder(holderText);
    if (!lastHolder || !isStale(lastHolder, lockFile)) throw new DataDirInUseError(dataDir, lockFile, lastHolder);
    await removeStaleLock(lockFile, holderText);
  }
  throw new DataDirInUseError(dataDir, lockFile, lastHolder);
}

function holdLock(lockFile: string, token: string): DataDirLock {
  heldLockFiles.add(lockFile);
  // Covers process.exit() and uncaught exceptions; a killed process leaves a stale lock that the next
  // start on this host detects by pid.
  const releaseOnExit = () => {
    try {
      if (parseHolder(readFileSync(lockFile, 'utf8'))?.token === token) unlinkSync(lockFile);
    } catch {
      // already gone
    }
  };
  process.once('exit', releaseOnExit);
  let isReleased = false;
  return {
    lockFile,
    async release() {
      if (isReleased) return;
      isReleased = true;
      process.removeListener('exit', releaseOnExit);
      heldLockFiles.delete(lockFile);
      const current = await readFile(lockFile, 'utf8').catch(ignoreMissing);
      if (current !== null && parseHolder(current)?.token === token) await unlink(lockFile).catch(ignoreMissing);
    },
  };
}

/** Creates the file with its full content in one step (link fails with EEXIST if it exists), so no reader sees it half written. */
async function tryCreateExclusive(file: string, content: string): Promise<boolean> {
  const draft = `${file}.${process.pid}.${randomUUID()}.tmp`;
  await writeFile(draft, content, { mode: 0o644 });
  try {
    await link(draft, file);
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(draft).catch(ignoreMissing);
  }
}

function isStale(holder: LockHolder, lockFile: string): boolean {
  if (holder.hostname !== hostname()) return false;
  // Our own pid: either we hold it (in use) or an earlier process had our pid, as PID 1 in a restarted container does.
  if (holder.pid === process.pid) return !heldLockFiles.has(lockFile);
  return !isProcessAlive(holder.pid);
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM'; // exists, owned by another user
  }
}

/**
 * Moves the stale file aside and deletes it. If another process replaced it in between (it took over
 * the same stale lock first), what we moved is that process's live lock: put it back and let the next
 * round report it.
 */
async function removeStaleLock(lockFile: string, staleText: string): Promise<void> {
  const aside = `${lockFile}.stale-${process.pid}-${randomUUID()}`;
  try {
    await rename(lockFile, aside);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return;
    throw error;
  }
  const moved = await readFile(aside, 'utf8');
  if (moved !== staleText) await link(aside, lockFile).catch(() => undefined);
  await unlink(aside);
}

function parseHolder(text: string): LockHolder | null {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    return typeof value.pid === 'number' && typeof value.hostname === 'string' && typeof value.token === 'string'
      ? {
          pid: value.pid,
          hostname: value.hostname,
          command: value.command ?? '',
          since: value.since ?? '',
          token: value.token,
        }
      : null;
  } catch {
    return null;
  }
}

function describeConflict(dataDir: string, lockFile: string, holder: LockHolder | null): string {
  if (!holder) {
    return `PGlite data directory ${dataDir} is locked by ${lockFile}, which does not name a holder. If no other process uses this directory, delete that file.`;
  }
  if (holder.pid === process.pid && holder.hostname === hostname()) {
    return `PGlite data directory ${dataDir} is already open in this process (pid ${holder.pid}); close that database before opening it again.`;
  }
  return (
    `PGlite data directory ${dataDir} is in use by process ${holder.pid} on host ${holder.hostname}` +
    `${holder.command ? ` (${holder.command})` : ''}, since ${holder.since}. ` +
    'Two processes on one data directory corrupt it: stop that process, or give this one another data directory. ' +
    `If that process no longer exists, delete ${lockFile}.`
  );
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

function ignoreMissing(error: unknown): null {
  if (errorCode(error) === 'ENOENT') return null;
  throw error;
}
