// Writes the unified JSON manifest (Microsoft 365 app manifest) from an add-in only manifest.xml: what
// Microsoft's converter (office-addin-manifest-converter, offline) makes of it, with what the converter
// cannot know put right. The committed unified-manifest/ is this script's output for the committed
// manifest.xml (a test keeps them equal); manifest.xml stays the source of truth.
//
//   npm run manifest:unified                                   # unified-manifest/ from manifest.xml
//   npm run manifest:unified -- --xml manifest.rooms.example.com.xml --out unified-rooms.example.com
//
// The folder is the app package's content: zip its files (not the folder) to upload it. See docs/addin.md.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { convert } from 'office-addin-manifest-converter';
import { renderIcon } from '../addin/scripts/generate-icons.js';

type Requirements = { capabilities?: Array<{ name: string; minVersion?: string }>; [key: string]: unknown };
type AutoRunEvents = { requirements?: Requirements; events: Array<{ type: string; actionId: string }> };
type Runtime = { requirements?: Requirements; code: { page: string; script?: string } };
type Extension = { runtimes: Runtime[]; autoRunEvents?: AutoRunEvents[] };
type UnifiedManifest = { icons: Record<string, string>; accentColor: string; extensions: Extension[] };

/** The Mailbox requirement set each event-based event needs (Outlook's requirement sets 1.11 and 1.12). */
const EVENT_MAILBOX_VERSION: Record<string, string> = {
  appointmentTimeChanged: '1.11',
  appointmentRecurrenceChanged: '1.11',
  appointmentAttendeesChanged: '1.11',
  appointmentSending: '1.12',
};
/** The app package's icons: a 192 px colour icon and a 32 px outline icon. */
const COLOR_ICON = 'color.png';
const OUTLINE_ICON = 'outline.png';
/** The unified manifest's limit for short descriptions; the converter cuts longer ones with "<TRUNCATED>". */
const SHORT_DESCRIPTION = 80;

const withMailbox = (requirements: Requirements | undefined, minVersion: string): Requirements => ({
  ...requirements,
  capabilities: [{ name: 'Mailbox', minVersion }],
});

/** A text cut at a word to fit `limit` characters, with an ellipsis. */
function shorten(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const cut = text.slice(0, limit - 1);
  return `${cut.slice(0, cut.lastIndexOf(' ')).replace(/[,;:]$/, '')}…`;
}

/**
 * What the XML cannot say: the XML manifest has one requirement for everything (Mailbox 1.8, so that the
 * pane reaches classic Outlook), the unified one a requirement per event: Mailbox 1.11 for the change
 * events, 1.12 for Smart Alerts, so a client without them is never asked to run them.
 */
export function adjustUnifiedManifest(manifest: UnifiedManifest): UnifiedManifest {
  const extensions = manifest.extensions.map((extension) => {
    const events = (extension.autoRunEvents ?? []).flatMap((entry) =>
      entry.events.map((event) => ({ requirements: entry.requirements, event })),
    );
    const byVersion = new Map<string, AutoRunEvents>();
    for (const { requirements, event } of events) {
      const version = EVENT_MAILBOX_VERSION[event.type];
      if (!version) throw new Error(`No Mailbox requirement set known for the event '${event.type}'`);
      const entry = byVersion.get(version) ?? { requirements: withMailbox(requirements, version), events: [] };
      entry.events.push(event);
      byVersion.set(version, entry);
    }
    const eventVersions = [...byVersion.keys()].sort();
    return {
      ...extension,
      runtimes: extension.runtimes.map((runtime) =>
        runtime.code.script && eventVersions[0]
          ? { ...runtime, requirements: withMailbox(runtime.requirements, eventVersions[0]) }
          : runtime,
      ),
      ...(byVersion.size > 0 ? { autoRunEvents: eventVersions.map((version) => byVersion.get(version)!) } : {}),
    };
  });
  // The add-in's own colour (Fluent brand blue, as the icons), not the converter's default.
  return { ...manifest, accentColor: '#0F6CBD', icons: { outline: OUTLINE_ICON, color: COLOR_ICON }, extensions };
}

/** A localization file with the converter's cut texts cut properly (it writes "<TRUNCATED>…"). */
function adjustLocalization(localization: Record<string, string>): Record<string, string> {
  const full = localization['description.full'];
  return full && localization['description.short']?.includes('<TRUNCATED>')
    ? { ...localization, 'description.short': shorten(full, SHORT_DESCRIPTION) }
    : localization;
}

/** Converts `xmlPath` and writes the package's files into `outDir` (manifest.json, languages, icons). */
export async function writeUnifiedManifest(xmlPath: string, outDir: string): Promise<string[]> {
  const work = mkdtempSync(path.join(tmpdir(), 'unified-manifest-'));
  try {
    const converted = path.join(work, 'out');
    await convert(xmlPath, converted, false, undefined, undefined, false);
    mkdirSync(outDir, { recursive: true });
    const written: string[] = [];
    for (const file of readdirSync(converted).filter((name) => name.endsWith('.json'))) {
      const json = JSON.parse(readFileSync(path.join(converted, file), 'utf8')) as Record<string, unknown>;
      const adjusted =
        file === 'manifest.json'
          ? adjustUnifiedManifest(json as unknown as UnifiedManifest)
          : adjustLocalization(json as Record<string, string>);
      if (JSON.stringify(adjusted).includes('<TRUNCATED>')) throw new Error(`${file}: a text is still cut`);
      writeFileSync(path.join(outDir, file), `${JSON.stringify(adjusted, null, 2)}\n`);
      written.push(file);
    }
    writeFileSync(path.join(outDir, COLOR_ICON), renderIcon(192));
    copyFileSync(path.join(repositoryRoot, 'addin/public/assets/icon-32.png'), path.join(outDir, OUTLINE_ICON));
    return [...written, COLOR_ICON, OUTLINE_ICON].sort();
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function main(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: { xml: { type: 'string', default: 'manifest.xml' }, out: { type: 'string', default: 'unified-manifest' } },
    strict: true,
  });
  const base = process.env.INIT_CWD ?? process.cwd();
  const outDir = path.resolve(base, values.out);
  const files = await writeUnifiedManifest(path.resolve(base, values.xml), outDir);
  console.log(`Wrote ${files.join(', ')} into ${outDir}. Zip these files to upload the app (docs/addin.md).`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(`manifest:unified: ${(error as Error).message}`);
    process.exitCode = 2;
  });
}
