import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildWorkspaceInTemp } from '../support/vite-build.js';

// The task pane and the console import code from @workplace-sync/shared (the API client, the recurrence
// query codec), which also holds the contract's zod schemas and the Windows time-zone tables that only
// the server needs. shared is marked `"sideEffects": false`, so a bundle keeps only the modules it uses;
// these builds check that it does. The pane's one use of a Windows zone table (Outlook names the user's
// zone the Windows way) is a chunk loaded on demand, never up front.

const ZOD = '$ZodType';
const WINDOWS_ZONE_TABLE = 'W. Europe Standard Time';
const SHARED_CLIENT = 'The server could not be reached (';

async function scriptsOf(dir: string): Promise<Map<string, string>> {
  const files = (await readdir(path.join(dir, 'assets'))).filter((file) => file.endsWith('.js'));
  return new Map(
    await Promise.all(
      files.map(async (file) => [file, await readFile(path.join(dir, 'assets', file), 'utf8')] as const),
    ),
  );
}

/** Whether a page or another chunk loads this chunk up front (a static import, a script or modulepreload). */
async function isLoadedUpFront(dir: string, chunk: string, scripts: Map<string, string>): Promise<boolean> {
  const pages = (await readdir(dir)).filter((file) => file.endsWith('.html'));
  const htmls = await Promise.all(pages.map((page) => readFile(path.join(dir, page), 'utf8')));
  const staticImport = new RegExp(`(from|import)\\s*"\\./${chunk.replace(/[.]/g, '\\.')}"`);
  return htmls.some((html) => html.includes(chunk)) || [...scripts.values()].some((text) => staticImport.test(text));
}

describe('the browser bundles take from shared only what they use', () => {
  for (const workspace of ['addin', 'console'] as const) {
    test(`${workspace}: the shared client, no zod, no Windows zone table up front`, { timeout: 180_000 }, async () => {
      const build = await buildWorkspaceInTemp(workspace);
      try {
        const scripts = await scriptsOf(build.dir);
        const all = [...scripts.values()].join('\n');
        // The pane maps Outlook's Windows zone name (userProfile.timeZone) with windows-iana, loaded on
        // demand in a chunk of its own; no page loads it up front.
        const zoneChunks = [...scripts].filter(([, text]) => text.includes(WINDOWS_ZONE_TABLE)).map(([file]) => file);
        const upFront = await Promise.all(zoneChunks.map((chunk) => isLoadedUpFront(build.dir, chunk, scripts)));
        expect({
          sharedClient: all.includes(SHARED_CLIENT),
          zod: all.includes(ZOD),
          windowsZoneTableUpFront: upFront.some(Boolean),
          windowsZoneTableOnDemand: zoneChunks.length > 0,
        }).toEqual({
          sharedClient: true,
          zod: false,
          windowsZoneTableUpFront: false,
          windowsZoneTableOnDemand: workspace === 'addin',
        });
      } finally {
        build.remove();
      }
    });
  }
});
