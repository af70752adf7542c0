import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export type TimedRun = {
  exitCode: number;
  stdout: string;
  /** Peak resident set size of the child (GNU time's "Maximum resident set size"), or NaN without /usr/bin/time. */
  maxRssBytes: number;
  wallSeconds: number;
};

const GNU_TIME = '/usr/bin/time';

/**
 * Runs `node <args>` under `/usr/bin/time -v` (when present) and returns its peak memory. GNU time
 * writes its report to a file of its own (`-o`); the child's stderr passes through, stdout is captured.
 */
export async function runNodeWithTimeV(args: string[], { env = process.env } = {}): Promise<TimedRun> {
  const useTime = existsSync(GNU_TIME);
  const scratch = await mkdtemp(path.join(tmpdir(), 'bench-time-'));
  const reportFile = path.join(scratch, 'time-v.txt');
  const command = useTime ? GNU_TIME : process.execPath;
  const commandArgs = useTime ? ['-v', '-o', reportFile, process.execPath, ...args] : args;
  const startedAt = Date.now();
  try {
    const { exitCode, stdout } = await new Promise<{ exitCode: number; stdout: string }>((resolve, reject) => {
      const child = spawn(command, commandArgs, { env, stdio: ['ignore', 'pipe', 'inherit'] });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ exitCode: code ?? 1, stdout: output }));
    });
    const report = useTime ? await readFile(reportFile, 'utf8').catch(() => '') : '';
    const kbytes = /Maximum resident set size \(kbytes\): (\d+)/.exec(report)?.[1];
    return {
      exitCode,
      stdout,
      maxRssBytes: kbytes ? Number(kbytes) * 1024 : NaN,
      wallSeconds: (Date.now() - startedAt) / 1000,
    };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
