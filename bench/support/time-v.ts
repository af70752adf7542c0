import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

export type TimedRun = {
  exitCode: number;
  stdout: string;
  /** Peak resident set size of the child (GNU time's "Maximum resident set size"), or NaN without /usr/bin/time. */
  maxRssBytes: number;
  wallSeconds: number;
};

const GNU_TIME = '/usr/bin/time';

/**
 * Runs `node <args>` under `/usr/bin/time -v` (when present) and returns its peak memory. The child's
 * stderr is passed through except GNU time's own report; stdout is captured.
 */
export function runNodeWithTimeV(args: string[], { env = process.env } = {}): Promise<TimedRun> {
  const useTime = existsSync(GNU_TIME);
  const command = useTime ? GNU_TIME : process.execPath;
  const commandArgs = useTime ? ['-v', process.execPath, ...args] : args;
  const startedAt = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let report = '';
    let isInReport = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split(/(?<=\n)/)) {
        if (useTime && line.startsWith('\tCommand being timed:')) isInReport = true;
        if (isInReport) report += line;
        else process.stderr.write(line);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const kbytes = /Maximum resident set size \(kbytes\): (\d+)/.exec(report)?.[1];
      resolve({
        exitCode: code ?? 1,
        stdout,
        maxRssBytes: kbytes ? Number(kbytes) * 1024 : NaN,
        wallSeconds: (Date.now() - startedAt) / 1000,
      });
    });
  });
}
