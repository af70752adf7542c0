import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildWorkspaceInTemp } from '../support/vite-build.js';

// The task pane and the console import code from @workplace-sync/shared (the API client, the recurrence
// query codec), which also holds the contract's zod schemas and the Windows time-zone tables that only
// the server needs. shared is marked `"sideEffects": false`, so a bundle keeps only the modules it uses;
// these builds check that it does.

const ZOD = '$ZodType';
const WINDOWS_ZONE_TABLE = 'W. Europe Standard Time';
const SHARED_CLIENT = 'The server could not be reached (';

async function scriptsOf(dir: string): Promise<string> {
  const files = (await readdir(path.join(dir, 'assets'))).filter((file) => file.endsWith('.js'));
  const texts = await Promise.all(files.map((file) => readFile(path.join(dir, 'assets', file), 'utf8')));
  return texts.join('\n');
}

describe('the browser bundles take from shared only what they use', () => {
  for (const workspace of ['addin', 'console'] as const) {
    test(`${workspace}: the shared client, no zod, no Windows zone table`, { timeout: 180_000 }, async () => {
      const build = await buildWorkspaceInTemp(workspace);
      try {
        const scripts = await scriptsOf(build.dir);
        expect({
          sharedClient: scripts.includes(SHARED_CLIENT),
          zod: scripts.includes(ZOD),
          windowsZoneTable: scripts.includes(WINDOWS_ZONE_TABLE),
        }).toEqual({ sharedClient: true, zod: false, windowsZoneTable: false });
      } finally {
        build.remove();
      }
    });
  }
});
