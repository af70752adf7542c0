// Writes the add-in manifest for one deployment: every URL of the committed manifest.xml (which points
// at https://localhost:3000) is moved to the given origin.
//
//   npm run manifest -- --url https://rooms.example.com [--out file] [--version 1.0.1.0] [--id <guid>] [--name "Rooms (test)"]
//
// A second environment in the same tenant (test next to production) needs its own --id and --name
// (Microsoft: one manifest per environment, each with its own DisplayName). Bump --version whenever a
// deployed manifest changes; see docs/addin.md.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

/** The origin the committed manifest.xml uses. */
export const COMMITTED_ORIGIN = 'https://localhost:3000';

export type ManifestOptions = {
  /** https origin of the server that serves the task pane, e.g. https://rooms.example.com. */
  url: string;
  /** A new add-in id (GUID), for a second deployment beside the first. */
  id?: string;
  /** Four-part version, e.g. 1.0.1.0. */
  version?: string;
  displayName?: string;
};

export class ManifestOptionsError extends Error {
  override readonly name = 'ManifestOptionsError';
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const VERSION = /^\d{1,5}(\.\d{1,5}){0,3}$/;

/** The origin of an https URL without path, query or fragment; anything else is refused with a reason. */
export function toHttpsOrigin(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ManifestOptionsError(`--url must be an absolute URL, got '${url}'`);
  }
  if (parsed.protocol !== 'https:')
    throw new ManifestOptionsError(`--url must use https (Office requires it), got '${url}'`);
  if ((parsed.pathname !== '/' && parsed.pathname !== '') || parsed.search || parsed.hash || parsed.username) {
    throw new ManifestOptionsError(`--url must be an origin only (https://host[:port]), got '${url}'`);
  }
  return parsed.origin;
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function replaceOnce(xml: string, pattern: RegExp, replacement: string, what: string): string {
  if (!pattern.test(xml)) throw new ManifestOptionsError(`The manifest template has no ${what}`);
  return xml.replace(pattern, replacement);
}

/** The manifest for a deployment, from the committed manifest's text. */
export function customizeManifest(template: string, options: ManifestOptions): string {
  const origin = toHttpsOrigin(options.url);
  let xml = template.split(COMMITTED_ORIGIN).join(origin);
  if (options.id !== undefined) {
    if (!GUID.test(options.id)) throw new ManifestOptionsError(`--id must be a GUID, got '${options.id}'`);
    xml = replaceOnce(xml, /<Id>[^<]*<\/Id>/, `<Id>${options.id.toLowerCase()}</Id>`, '<Id>');
  }
  if (options.version !== undefined) {
    if (!VERSION.test(options.version)) {
      throw new ManifestOptionsError(`--version must look like 1.0.1.0, got '${options.version}'`);
    }
    xml = replaceOnce(xml, /<Version>[^<]*<\/Version>/, `<Version>${options.version}</Version>`, '<Version>');
  }
  if (options.displayName !== undefined) {
    const name = options.displayName.trim();
    if (name.length === 0 || name.length > 125) throw new ManifestOptionsError('--name must be 1 to 125 characters');
    // A name of its own (one per environment) is that environment's in every language: the committed
    // manifest's translated names go with it.
    xml = replaceOnce(
      xml,
      /<DisplayName DefaultValue="[^"]*"(?:\/>|>[\s\S]*?<\/DisplayName>)/,
      `<DisplayName DefaultValue="${escapeXml(name)}"/>`,
      '<DisplayName>',
    );
  }
  return xml;
}

export type ManifestCommand = ManifestOptions & { out: string };

export function parseManifestArgs(argv: string[]): ManifestCommand {
  const { values } = parseArgs({
    args: argv,
    options: {
      url: { type: 'string' },
      out: { type: 'string' },
      id: { type: 'string' },
      version: { type: 'string' },
      name: { type: 'string' },
    },
    strict: true,
  });
  if (!values.url) throw new ManifestOptionsError('--url is required, e.g. --url https://rooms.example.com');
  const host = new URL(toHttpsOrigin(values.url)).host.replace(/[^a-z0-9.-]/gi, '-');
  return {
    url: values.url,
    out: values.out ?? `manifest.${host}.xml`,
    ...(values.id !== undefined ? { id: values.id } : {}),
    ...(values.version !== undefined ? { version: values.version } : {}),
    ...(values.name !== undefined ? { displayName: values.name } : {}),
  };
}

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function main(argv: string[]): void {
  const command = parseManifestArgs(argv);
  const template = readFileSync(path.join(repositoryRoot, 'manifest.xml'), 'utf8');
  const out = path.resolve(process.env.INIT_CWD ?? process.cwd(), command.out);
  writeFileSync(out, customizeManifest(template, command));
  console.log(`Wrote ${out} for ${toHttpsOrigin(command.url)}. Deploy it as described in docs/addin.md.`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof ManifestOptionsError) && !(error instanceof TypeError)) throw error;
    console.error(`manifest: ${error.message}`);
    process.exitCode = 2;
  }
}
