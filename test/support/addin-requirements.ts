import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { SystemRequirement } from './system-requirements.js';

const runs = (command: string, args: string[]) => {
  const result = spawnSync(command, args, { stdio: 'ignore', timeout: 10_000 });
  return result.error === undefined && result.status === 0;
};

export const xmllintRequirement = (): SystemRequirement => ({
  available: runs('xmllint', ['--version']),
  why: 'xmllint is not installed',
  howToEnable: 'apt-get install -y libxml2-utils',
});

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromiumRequirement = (): SystemRequirement => ({
  available: existsSync(CHROMIUM_PATH),
  why: `no Chromium at ${CHROMIUM_PATH}`,
  howToEnable: 'apt-get install -y chromium (or set CHROMIUM_PATH)',
});
