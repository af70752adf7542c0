import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'drizzle-kit';

// drizzle-kit resolves these paths against the working directory, not this file, and it reads earlier
// snapshots from `./${out}/meta`, so `out` must stay relative (an absolute one breaks every generate
// after the first). Making them relative to the cwd here lets `npm run db:generate` work from the repo
// root and `npx drizzle-kit generate` from server/.
const fromHere = (relativePath: string) =>
  path.relative(process.cwd(), fileURLToPath(new URL(relativePath, import.meta.url))) || '.';

export default defineConfig({
  dialect: 'postgresql',
  schema: fromHere('./src/storage/schema.ts'),
  out: fromHere('./src/storage/migrations'),
});
