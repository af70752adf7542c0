import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('./server-instance-main.ts', import.meta.url));
const GNU_TIME = '/usr/bin/time';

type Reply = { id: number; result?: unknown; error?: string };

export type ServerInstance = Awaited<ReturnType<typeof startServerInstance>>;

/**
 * Starts one server instance in a process of its own (bench/support/server-instance-main.ts) under
 * `/usr/bin/time -v`, with `env` over this process's environment, and waits until it listens. `ask`
 * sends it a command over the IPC channel; `close` stops it and returns its peak RSS.
 */
export async function startServerInstance(env: Record<string, string>) {
  const scratch = await mkdtemp(path.join(tmpdir(), 'bench-server-time-'));
  const reportFile = path.join(scratch, 'time-v.txt');
  const nodeArgs = ['--expose-gc', '--conditions=source', '--import', 'tsx', MAIN];
  const useTime = existsSync(GNU_TIME);
  const child = spawn(
    useTime ? GNU_TIME : process.execPath,
    useTime ? ['-v', '-o', reportFile, process.execPath, ...nodeArgs] : nodeArgs,
    { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let exitCode: number | null | undefined;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code) => {
      exitCode = code;
      for (const { reject } of pending.values()) reject(new Error(`server instance exited with ${code}`));
      pending.clear();
      resolve();
    }),
  );
  const ready = new Promise<void>((resolve, reject) => {
    pending.set(0, { resolve: () => resolve(), reject });
  });
  child.on('message', (reply: Reply) => {
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    if (reply.error) waiting.reject(new Error(reply.error));
    else waiting.resolve(reply.result);
  });
  await ready;

  function ask<T>(kind: string, extra: Record<string, unknown> = {}): Promise<T> {
    if (exitCode !== undefined) return Promise.reject(new Error(`server instance exited with ${exitCode}`));
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      child.send({ id, kind, ...extra });
    });
  }

  return {
    pid: child.pid!,
    ask,
    /** Stops the instance and returns its peak RSS (GNU time's "Maximum resident set size"; NaN without it). */
    async close(): Promise<{ maxRssBytes: number }> {
      if (exitCode === undefined) await ask('close').catch(() => undefined);
      await exited;
      const report = useTime ? await readFile(reportFile, 'utf8').catch(() => '') : '';
      await rm(scratch, { recursive: true, force: true });
      const kbytes = /Maximum resident set size \(kbytes\): (\d+)/.exec(report)?.[1];
      return { maxRssBytes: kbytes ? Number(kbytes) * 1024 : NaN };
    },
  };
}
