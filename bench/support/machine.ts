import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The installed version (read from node_modules: some packages do not export their package.json). */
function packageVersion(name: string): string {
  for (const root of [repositoryRoot, path.join(repositoryRoot, 'server')]) {
    const file = path.join(root, 'node_modules', name, 'package.json');
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  }
  return 'unknown';
}

function osRelease(): string {
  try {
    const text = readFileSync('/etc/os-release', 'utf8');
    return /^PRETTY_NAME="?([^"\n]+)"?/m.exec(text)?.[1] ?? os.type();
  } catch {
    return `${os.type()} ${os.release()}`;
  }
}

/** What the figures were measured on; printed at the top of every run and recorded in bench/RESULTS.md. */
export function machineFacts() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    os: `${osRelease()}, kernel ${os.release()}`,
    pglite: packageVersion('@electric-sql/pglite'),
    fastify: packageVersion('fastify'),
    loadAverage: os.loadavg().map((value) => Math.round(value * 100) / 100),
  };
}

export function describeMachine(): string[] {
  const facts = machineFacts();
  return [
    `cpu      ${facts.cpu} × ${facts.cores} cores`,
    `memory   ${facts.memoryGb} GiB`,
    `node     ${facts.node} (fastify ${facts.fastify}, PGlite ${facts.pglite})`,
    `os       ${facts.os}`,
    `load     ${facts.loadAverage.join(' / ')} (1 / 5 / 15 min)`,
  ];
}
