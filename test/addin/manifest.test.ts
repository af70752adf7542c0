import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { convert } from 'office-addin-manifest-converter';
import { validateManifest } from 'office-addin-manifest';
import { afterAll, describe, expect, test } from 'vitest';
import { ICON_SIZES, renderIcon } from '../../addin/scripts/generate-icons.js';
import {
  COMMITTED_ORIGIN,
  ManifestOptionsError,
  customizeManifest,
  parseManifestArgs,
} from '../../scripts/manifest.js';
import { writeUnifiedManifest } from '../../scripts/unified-manifest.js';
import { describeIfAvailable } from '../support/system-requirements.js';
import { xmllintRequirement } from '../support/addin-requirements.js';
import {
  checkElementOrder,
  checkResourceIds,
  checkUrls,
  childNamed,
  compareVersions,
  descendants,
  manifestUrls,
  parseManifest,
  versionOverrides11,
  withoutVersionOverrides,
} from './support/manifest-checks.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const committed = readFileSync(path.join(root, 'manifest.xml'), 'utf8');
const xsd = path.join(root, 'test/addin/fixtures/office/OfficeAppManifestV1_1.xsd');
const work = mkdtempSync(path.join(tmpdir(), 'addin-manifest-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const DEPLOYED_ORIGIN = 'https://rooms.example.com';
const deployed = customizeManifest(committed, { url: DEPLOYED_ORIGIN });

const ownChecks = (xml: string, origin: string) => {
  const manifest = parseManifest(xml);
  return [...checkElementOrder(manifest), ...checkResourceIds(manifest), ...checkUrls(manifest, origin)];
};

function writeTemp(name: string, text: string): string {
  const file = path.join(work, name);
  writeFileSync(file, text);
  return file;
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Files the add-in build writes from a source entry rather than copying a page or an asset. */
const BUILT_ENTRIES: Record<string, string> = {
  // vite.config.ts's launchEventsScript(): one classic script for the JavaScript-only runtime.
  '/launch-events.js': 'addin/src/launch-events/launch-events.ts',
};

/** Where the file behind a manifest URL comes from in the add-in build (vite root addin/, public dir addin/public). */
function sourceFileOf(url: string): string | null {
  const pathname = new URL(url).pathname;
  if (pathname === '/' || pathname === '') return null;
  if (BUILT_ENTRIES[pathname]) return path.join(root, BUILT_ENTRIES[pathname]);
  for (const candidate of [path.join(root, 'addin/public', pathname), path.join(root, 'addin', pathname)]) {
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

describe('manifest.xml: the project checks', () => {
  test.each([
    ['committed', committed, COMMITTED_ORIGIN],
    ['generated for rooms.example.com', deployed, DEPLOYED_ORIGIN],
  ])('%s: element order, resource ids and https URLs on one origin', (_name, xml, origin) => {
    expect(ownChecks(xml, origin)).toEqual([]);
  });

  test('is an Outlook mail add-in for appointment organizers and attendees with ReadWriteItem', () => {
    const manifest = parseManifest(committed);
    expect(manifest.attributes['xsi:type']).toBe('MailApp');
    expect(childNamed(manifest, 'Id')!.text).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(childNamed(manifest, 'Version')!.text).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(childNamed(manifest, 'Permissions')!.text).toBe('ReadWriteItem');
    const rules = descendants(childNamed(manifest, 'Rule')!).map((rule) => rule.attributes);
    expect(rules).toEqual([
      expect.objectContaining({ ItemType: 'Appointment', FormType: 'Edit' }),
      expect.objectContaining({ ItemType: 'Appointment', FormType: 'Read' }),
    ]);
    const extensionPoints = descendants(versionOverrides11(manifest)!)
      .filter((element) => element.name === 'ExtensionPoint')
      .map((element) => element.attributes['xsi:type']);
    expect(extensionPoints).toEqual([
      'AppointmentOrganizerCommandSurface',
      'AppointmentAttendeeCommandSurface',
      'LaunchEvent',
    ]);
    // Pinning is not available for appointments (outlook/pinnable-taskpane).
    expect(descendants(manifest).some((element) => element.name === 'SupportsPinning')).toBe(false);
  });

  test('requires Mailbox 1.8 (enhancedLocation, getItemIdAsync) at both levels, compared as versions', () => {
    const manifest = parseManifest(committed);
    const topLevel = descendants(childNamed(manifest, 'Requirements')!).find((element) => element.name === 'Set')!;
    expect(topLevel.attributes).toMatchObject({ Name: 'Mailbox' });
    expect(compareVersions(topLevel.attributes.MinVersion!, '1.8')).toBeGreaterThanOrEqual(0);
    const sets = descendants(versionOverrides11(manifest)!).find((element) => element.name === 'Sets')!;
    expect(compareVersions(sets.attributes.DefaultMinVersion!, '1.8')).toBeGreaterThanOrEqual(0);
    expect(compareVersions('1.13', '1.8')).toBeGreaterThan(0);
  });

  test('LaunchEvent: the three change events and Send (PromptUser), each on its handler (the runtime associates these names: launch-events.test.ts)', () => {
    const overrides = versionOverrides11(parseManifest(committed))!;
    const launchEvent = descendants(overrides).find(
      (element) => element.name === 'ExtensionPoint' && element.attributes['xsi:type'] === 'LaunchEvent',
    )!;
    const events = descendants(launchEvent)
      .filter((element) => element.name === 'LaunchEvent')
      .map((element) => element.attributes);
    expect(events).toEqual([
      { Type: 'OnAppointmentTimeChanged', FunctionName: 'onAppointmentTimeChanged' },
      { Type: 'OnAppointmentRecurrenceChanged', FunctionName: 'onAppointmentRecurrenceChanged' },
      { Type: 'OnAppointmentAttendeesChanged', FunctionName: 'onAppointmentAttendeesChanged' },
      {
        Type: 'OnAppointmentSend',
        FunctionName: 'onAppointmentSend',
        // Send anyway / Don't send; a handler that cannot run lets the meeting go.
        SendMode: 'PromptUser',
      },
    ]);
    // The extension point names the runtime by its resid; that runtime has the page (web, new Outlook,
    // Mac) and, as its javascript override, the script classic Outlook on Windows loads on its own.
    const sourceLocation = childNamed(launchEvent, 'SourceLocation')!.attributes.resid;
    const host = descendants(overrides).find((element) => element.attributes['xsi:type'] === 'MailHost')!;
    const runtimes = descendants(childNamed(host, 'Runtimes')!).filter((element) => element.name === 'Runtime');
    expect(runtimes.map((runtime) => runtime.attributes.resid)).toEqual([sourceLocation]);
    const override = childNamed(runtimes[0]!, 'Override')!;
    expect(override.attributes.type).toBe('javascript');
    const urlOf = (resid: string) =>
      descendants(overrides).find((element) => element.name === 'Url' && element.attributes.id === resid)!.attributes
        .DefaultValue!;
    expect(new URL(urlOf(sourceLocation!)).pathname).toBe('/launch-events.html');
    expect(new URL(urlOf(override.attributes.resid!)).pathname).toBe('/launch-events.js');
    // The page loads office.js and that same script.
    const page = readFileSync(sourceFileOf(urlOf(sourceLocation!))!, 'utf8');
    expect(page).toContain('https://appsforoffice.microsoft.com/lib/1/hosted/office.js');
    expect(page).toContain('<script src="/launch-events.js"></script>');
  });

  test('the checks catch the runtime after the form factor and a runtime without its URL resource', () => {
    const runtimes = committed.match(/ *<Runtimes>[\s\S]*?<\/Runtimes>\n/)![0];
    const broken = committed
      .replace(runtimes, '')
      .replace('</DesktopFormFactor>\n', `</DesktopFormFactor>\n${runtimes}`)
      .replace('resid="LaunchEvents.Script"', 'resid="Nope.Script"');
    expect(ownChecks(broken, COMMITTED_ORIGIN)).toEqual(
      expect.arrayContaining([
        'MailHost: <Runtimes> must come before <DesktopFormFactor>',
        "resid 'Nope.Script' on <Override> is not defined in Resources",
      ]),
    );
  });

  test('every URL is served by the add-in build: icons are real PNGs of their size, pages exist', () => {
    const problems = manifestUrls(parseManifest(committed))
      .filter(({ url }) => sourceFileOf(url) === null && new URL(url).pathname !== '/')
      .map(({ where, url }) => `${where}: nothing in addin/ or addin/public/ serves ${url}`);
    expect(problems).toEqual([]);
    for (const size of ICON_SIZES) {
      expect(pngSize(path.join(root, `addin/public/assets/icon-${size}.png`))).toEqual({ width: size, height: size });
    }
    const images = descendants(versionOverrides11(parseManifest(committed))!).filter(
      (element) => element.name === 'Image' && element.attributes.id,
    );
    for (const image of images) {
      const size = Number(image.attributes.id!.replace('Icon.', ''));
      expect(pngSize(sourceFileOf(image.attributes.DefaultValue!)!)).toEqual({ width: size, height: size });
    }
  });

  test('the committed icons are what addin/scripts/generate-icons.ts draws', () => {
    for (const size of ICON_SIZES) {
      expect(readFileSync(path.join(root, `addin/public/assets/icon-${size}.png`)).equals(renderIcon(size))).toBe(true);
    }
  });

  test('DisplayName, Description and every button, group and tooltip string in French, Dutch and German', () => {
    const LOCALES = ['de-DE', 'fr-FR', 'nl-NL'];
    const localized = [
      ...committed.matchAll(/<(DisplayName) DefaultValue="[^"]*">([\s\S]*?)<\/DisplayName>/g),
      ...committed.matchAll(/<(Description) DefaultValue="[^"]*">([\s\S]*?)<\/Description>/g),
      ...committed.matchAll(/<bt:String id="([^"]+)" DefaultValue="[^"]*">([\s\S]*?)<\/bt:String>/g),
    ].map(([, name, body]) => [name, [...body!.matchAll(/Override Locale="([^"]+)" Value="([^"]+)"/g)]] as const);
    const strings = [...committed.matchAll(/<bt:String id="([^"]+)"/g)].map(([, id]) => id);
    expect(localized.map(([name]) => name).sort()).toEqual(['Description', 'DisplayName', ...strings].sort());
    for (const [name, overrides] of localized) {
      expect(overrides.map(([, locale]) => locale).sort(), name).toEqual(LOCALES);
      expect(
        overrides.every(([, , value]) => value!.trim() !== ''),
        name,
      ).toBe(true);
    }
  });

  test('the checks catch a misplaced element, an undefined resid, a wrong resource kind and an http URL', () => {
    const broken = committed
      .replace('<ProviderName>Workplace Sync</ProviderName>\n', '')
      .replace(
        '<DefaultLocale>en-US</DefaultLocale>',
        '<DefaultLocale>en-US</DefaultLocale>\n<ProviderName>x</ProviderName>',
      )
      .replace(/<DisplayName DefaultValue="Workplace rooms">[\s\S]*?<\/DisplayName>/, '')
      .replace(
        '<DefaultLocale>en-US</DefaultLocale>',
        '<DisplayName DefaultValue="x"/><DefaultLocale>en-US</DefaultLocale>',
      )
      .replace('resid="Taskpane.AttendeeTip"', 'resid="Nope.Tip"')
      .replace(
        '<Title resid="Taskpane.Label"/>\n                      <Description resid="Taskpane.OrganizerTip"/>',
        '<Title resid="Taskpane.OrganizerTip"/>\n                      <Description resid="Taskpane.OrganizerTip"/>',
      )
      .replace('https://localhost:3000/assets/icon-16.png', 'http://localhost:3000/assets/icon-16.png');
    const problems = ownChecks(broken, COMMITTED_ORIGIN);
    expect(problems).toEqual(
      expect.arrayContaining([
        'OfficeApp: <DefaultLocale> must come before <DisplayName>',
        "resid 'Nope.Tip' on <Description> is not defined in Resources",
        "resid 'Taskpane.OrganizerTip' on <Title> must name a ShortStrings entry, not LongStrings",
        "resource 'Taskpane.AttendeeTip' is never used",
        "<Image DefaultValue>: 'http://localhost:3000/assets/icon-16.png' is not https",
      ]),
    );
  });
});

describe('scripts/manifest.ts: a manifest per deployment', () => {
  test('the committed manifest is the template rendered for https://localhost:3000', () => {
    expect(customizeManifest(committed, { url: COMMITTED_ORIGIN })).toBe(committed);
  });

  test('moves every URL to the new origin and nothing else', () => {
    expect(deployed).not.toContain('localhost');
    const urls = manifestUrls(parseManifest(deployed)).map(({ url }) => new URL(url).origin);
    expect(new Set(urls)).toEqual(new Set([DEPLOYED_ORIGIN]));
    expect(deployed.replaceAll(DEPLOYED_ORIGIN, COMMITTED_ORIGIN)).toBe(committed);
  });

  test('sets id, version and display name for a second environment', () => {
    const xml = customizeManifest(committed, {
      url: 'https://rooms-test.example.com:8443/',
      id: '0F0E0D0C-0B0A-4908-8706-050403020100',
      version: '1.2.0.0',
      displayName: 'Workplace rooms (test & QA)',
    });
    const manifest = parseManifest(xml);
    expect(childNamed(manifest, 'Id')!.text).toBe('0f0e0d0c-0b0a-4908-8706-050403020100');
    expect(childNamed(manifest, 'Version')!.text).toBe('1.2.0.0');
    expect(childNamed(manifest, 'DisplayName')!.attributes.DefaultValue).toBe('Workplace rooms (test & QA)');
    // The environment's own name in every language: the committed translations do not come with it.
    expect(childNamed(manifest, 'DisplayName')!.children).toEqual([]);
    expect(ownChecks(xml, 'https://rooms-test.example.com:8443')).toEqual([]);
  });

  test.each([
    ['http://rooms.example.com', /https/],
    ['https://rooms.example.com/addin', /origin only/],
    ['rooms.example.com', /absolute URL/],
  ])('refuses --url %s', (url, message) => {
    expect(() => customizeManifest(committed, { url })).toThrow(message);
  });

  test('refuses a bad id or version, and requires --url', () => {
    expect(() => customizeManifest(committed, { url: DEPLOYED_ORIGIN, id: 'nope' })).toThrow(ManifestOptionsError);
    expect(() => customizeManifest(committed, { url: DEPLOYED_ORIGIN, version: '1.0.0.0.0' })).toThrow(/version/);
    expect(() => parseManifestArgs([])).toThrow(/--url is required/);
    expect(parseManifestArgs(['--url', 'https://rooms.example.com'])).toEqual({
      url: 'https://rooms.example.com',
      out: 'manifest.rooms.example.com.xml',
    });
  });

  test('runs as a command: npm run manifest -- --url … writes the file', () => {
    const out = path.join(work, 'cli-manifest.xml');
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/manifest.ts', '--url', DEPLOYED_ORIGIN, '--out', out],
      { cwd: root, encoding: 'utf8', env: { ...process.env, INIT_CWD: root } },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(deployed);
  });
});

describeIfAvailable('manifest.xml: top level against Microsoft’s XSD (xmllint)', xmllintRequirement(), () => {
  const validate = (xml: string, name: string) =>
    spawnSync('xmllint', ['--noout', '--schema', xsd, writeTemp(name, xml)], { encoding: 'utf8' });

  test.each([
    ['committed', committed],
    ['generated for rooms.example.com', deployed],
  ])('%s validates (VersionOverrides removed: the XSD checks it only laxly)', (name, xml) => {
    const result = validate(withoutVersionOverrides(xml), `${name.replace(/\W+/g, '-')}.xml`);
    expect(result.stderr).toContain('validates');
    expect(result.status).toBe(0);
  });

  test('the schema is really applied: a misplaced element fails', () => {
    const misplaced = withoutVersionOverrides(committed)
      .replace('<Permissions>ReadWriteItem</Permissions>', '')
      .replace('<Hosts>', '<Permissions>ReadWriteItem</Permissions>\n  <Hosts>');
    const result = validate(misplaced, 'misplaced.xml');
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/Permissions.*not expected/);
  });
});

describe('manifest.xml: VersionOverrides through the unified JSON manifest (offline)', () => {
  async function convertAndValidate(xml: string, name: string) {
    const input = writeTemp(`${name}.xml`, xml);
    const output = path.join(work, `${name}-json`);
    await convert(input, output, false, undefined, undefined, false);
    const jsonPath = path.join(output, 'manifest.json');
    return { json: JSON.parse(readFileSync(jsonPath, 'utf8')), validation: await validateManifest(jsonPath) };
  }

  test.each([
    ['committed', committed],
    ['deployed', deployed],
  ])('%s converts and the result passes office-addin-manifest validate', async (name, xml) => {
    const { json, validation } = await convertAndValidate(xml, name);
    expect(validation.report?.errors ?? []).toEqual([]);
    expect(validation.isValid).toBe(true);
    expect(JSON.stringify(json)).not.toContain('<TRUNCATED>');
    const [extension] = json.extensions;
    expect(extension.requirements.capabilities).toEqual([{ name: 'Mailbox', minVersion: '1.8' }]);
    expect(extension.ribbons.flatMap((ribbon: { contexts: string[] }) => ribbon.contexts)).toEqual([
      'meetingDetailsOrganizer',
      'meetingDetailsAttendee',
    ]);
    const pages = extension.runtimes.map((runtime: { code: { page: string } }) => new URL(runtime.code.page).pathname);
    expect(pages.sort()).toEqual(['/launch-events.html', '/taskpane.html']);
    expect(
      extension.autoRunEvents.flatMap((entry: { events: Array<{ type: string }> }) =>
        entry.events.map((event) => event.type),
      ),
    ).toEqual([
      'appointmentTimeChanged',
      'appointmentRecurrenceChanged',
      'appointmentAttendeesChanged',
      'appointmentSending',
    ]);
  });

  test('a broken JSON manifest is reported (the validator runs offline, it does not pass by default)', async () => {
    const { json } = await convertAndValidate(committed, 'broken');
    json.extensions[0].ribbons[0].contexts = ['notAContext'];
    const file = writeTemp('broken.json', JSON.stringify(json));
    // Structural errors throw; schema errors come back as isValid false. Either way it is refused.
    const accepted = await validateManifest(file).then(
      (validation) => validation.isValid,
      () => false,
    );
    expect(accepted).toBe(false);
  });
});

describe('unified-manifest/: the JSON manifest beside manifest.xml', () => {
  const committedDir = path.join(root, 'unified-manifest');
  const readJson = (file: string) => JSON.parse(readFileSync(path.join(committedDir, file), 'utf8'));

  test('is what npm run manifest:unified generates from the committed manifest.xml', async () => {
    const generated = path.join(work, 'unified-generated');
    const files = await writeUnifiedManifest(path.join(root, 'manifest.xml'), generated);
    expect(files).toEqual(['color.png', 'de-de.json', 'fr-fr.json', 'manifest.json', 'nl-nl.json', 'outline.png']);
    for (const file of files) {
      expect(readFileSync(path.join(generated, file)).equals(readFileSync(path.join(committedDir, file))), file).toBe(
        true,
      );
    }
  });

  test('passes office-addin-manifest validate (offline: JSON manifests are checked against bundled schemas)', async () => {
    const validation = await validateManifest(path.join(committedDir, 'manifest.json'));
    expect(validation.report?.errors ?? []).toEqual([]);
    expect(validation.isValid).toBe(true);
  });

  test('each event with its own Mailbox requirement set, on the runtime that loads launch-events', () => {
    const [extension] = readJson('manifest.json').extensions;
    expect(extension.requirements.capabilities).toEqual([{ name: 'Mailbox', minVersion: '1.8' }]);
    const events = extension.autoRunEvents.flatMap(
      (entry: { requirements: { capabilities: unknown }; events: Array<{ type: string; options?: unknown }> }) =>
        entry.events.map((event) => [event.type, entry.requirements.capabilities, event.options ?? null]),
    );
    const mailbox = (minVersion: string) => [{ name: 'Mailbox', minVersion }];
    expect(events).toEqual([
      ['appointmentTimeChanged', mailbox('1.11'), null],
      ['appointmentRecurrenceChanged', mailbox('1.11'), null],
      ['appointmentAttendeesChanged', mailbox('1.11'), null],
      ['appointmentSending', mailbox('1.12'), { sendMode: 'promptUser' }],
    ]);
    const eventRuntime = extension.runtimes.find((runtime: { code: { script?: string } }) => runtime.code.script);
    expect(new URL(eventRuntime.code.script).pathname).toBe('/launch-events.js');
    expect(new URL(eventRuntime.code.page).pathname).toBe('/launch-events.html');
    expect(eventRuntime.requirements.capabilities).toEqual(mailbox('1.11'));
    expect(eventRuntime.actions.map((action: { id: string }) => action.id).sort()).toEqual(
      [
        'onAppointmentAttendeesChanged',
        'onAppointmentRecurrenceChanged',
        'onAppointmentSend',
        'onAppointmentTimeChanged',
      ].sort(),
    );
  });

  test('French, Dutch and German with no cut texts; the package icons at 192 and 32 px', () => {
    const manifest = readJson('manifest.json');
    expect(manifest.localizationInfo.additionalLanguages.map((entry: { file: string }) => entry.file)).toEqual([
      'fr-fr.json',
      'nl-nl.json',
      'de-de.json',
    ]);
    for (const file of ['manifest.json', 'fr-fr.json', 'nl-nl.json', 'de-de.json']) {
      const text = readFileSync(path.join(committedDir, file), 'utf8');
      expect(text, file).not.toContain('<TRUNCATED>');
      const json = JSON.parse(text);
      expect((json['description.short'] ?? json.description.short).length, file).toBeLessThanOrEqual(80);
    }
    expect(pngSize(path.join(committedDir, manifest.icons.color))).toEqual({ width: 192, height: 192 });
    expect(pngSize(path.join(committedDir, manifest.icons.outline))).toEqual({ width: 32, height: 32 });
  });
});
