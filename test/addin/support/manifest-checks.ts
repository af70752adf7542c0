import { XMLParser } from 'fast-xml-parser';

// The project's own checks of manifest.xml, for what the published XSD cannot see (VersionOverrides is
// only checked laxly there): element order, resource ids, string lengths, URLs. Each check returns the
// problems it found, so tests can show all of them at once and feed deliberately broken manifests.

export type XmlElement = { name: string; attributes: Record<string, string>; children: XmlElement[]; text: string };

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const localName = (name: string) => name.replace(/^[\w-]+:/, '');

function toElement(node: OrderedNode): XmlElement | null {
  const name = Object.keys(node).find((key) => key !== ':@');
  if (!name || name === '#text' || name === '#comment' || name.startsWith('?')) return null;
  const content = (node[name] as OrderedNode[]) ?? [];
  return {
    name: localName(name),
    attributes: Object.fromEntries(Object.entries(node[':@'] ?? {}).map(([key, value]) => [key, String(value)])),
    children: content.map(toElement).filter((child): child is XmlElement => child !== null),
    text: content
      .filter((child) => '#text' in child)
      .map((child) => String(child['#text']))
      .join('')
      .trim(),
  };
}

/** The document element, with names stripped of their prefixes (`bt:Image` → `Image`). */
export function parseManifest(xml: string): XmlElement {
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    commentPropName: '#comment',
    parseTagValue: false,
    parseAttributeValue: false,
  });
  const nodes = parser.parse(xml) as OrderedNode[];
  const root = nodes.map(toElement).find((element) => element !== null);
  if (!root) throw new Error('The manifest has no document element');
  return root;
}

export const childrenNamed = (element: XmlElement, name: string) =>
  element.children.filter((child) => child.name === name);
export const childNamed = (element: XmlElement, name: string) => element.children.find((child) => child.name === name);

export function descendants(element: XmlElement): XmlElement[] {
  return element.children.flatMap((child) => [child, ...descendants(child)]);
}

/** Children must appear in this order (each name may repeat in place); unknown names are problems too. */
function checkOrder(element: XmlElement, order: readonly string[], where: string): string[] {
  const problems: string[] = [];
  let last = -1;
  for (const child of element.children) {
    const position = order.indexOf(child.name);
    if (position === -1) problems.push(`${where}: unexpected element <${child.name}>`);
    else if (position < last) problems.push(`${where}: <${child.name}> must come before <${order[last]}>`);
    else last = position;
  }
  return problems;
}

function checkRequired(element: XmlElement, required: readonly string[], where: string): string[] {
  return required.filter((name) => !childNamed(element, name)).map((name) => `${where}: <${name}> is missing`);
}

// develop/manifest-element-ordering (reference/outlook-addin.md §1).
const OFFICE_APP_ORDER = [
  'Id',
  'AlternateId',
  'Version',
  'ProviderName',
  'DefaultLocale',
  'DisplayName',
  'Description',
  'IconUrl',
  'HighResolutionIconUrl',
  'SupportUrl',
  'AppDomains',
  'Hosts',
  'Requirements',
  'FormSettings',
  'Permissions',
  'Rule',
  'DisableEntityHighlighting',
  'VersionOverrides',
] as const;
const OFFICE_APP_REQUIRED = [
  'Id',
  'Version',
  'ProviderName',
  'DefaultLocale',
  'DisplayName',
  'Description',
  'Requirements',
  'FormSettings',
  'Rule',
  'VersionOverrides',
];
const VERSION_OVERRIDES_ORDER = [
  'Description',
  'Requirements',
  'Hosts',
  'Resources',
  'WebApplicationInfo',
  'EquivalentAddins',
] as const;
const RESOURCES_ORDER = ['Images', 'Urls', 'ShortStrings', 'LongStrings'] as const;
const CONTROL_ORDER = ['Label', 'Supertip', 'Icon', 'Action'] as const;
const MAIL_HOST_ORDER = ['Runtimes', 'DesktopFormFactor', 'MobileFormFactor'] as const;
const FORM_FACTOR_ORDER = ['FunctionFile', 'ExtensionPoint'] as const;

const VO_1_0 = 'http://schemas.microsoft.com/office/mailappversionoverrides';
const VO_1_1 = 'http://schemas.microsoft.com/office/mailappversionoverrides/1.1';

/** The VersionOverrides V1_1 element (nested in V1_0, as Outlook expects). */
export function versionOverrides11(root: XmlElement): XmlElement | null {
  const outer = childNamed(root, 'VersionOverrides');
  if (!outer || outer.attributes.xmlns !== VO_1_0 || outer.attributes['xsi:type'] !== 'VersionOverridesV1_0')
    return null;
  const inner = childNamed(outer, 'VersionOverrides');
  if (!inner || inner.attributes.xmlns !== VO_1_1 || inner.attributes['xsi:type'] !== 'VersionOverridesV1_1')
    return null;
  return inner;
}

export function checkElementOrder(root: XmlElement): string[] {
  const problems = [
    ...(root.name === 'OfficeApp' ? [] : [`the document element is <${root.name}>, not <OfficeApp>`]),
    ...checkOrder(root, OFFICE_APP_ORDER, 'OfficeApp'),
    ...checkRequired(root, OFFICE_APP_REQUIRED, 'OfficeApp'),
  ];
  const overrides = versionOverrides11(root);
  if (!overrides) return [...problems, 'VersionOverrides V1_1 nested in V1_0 is missing'];
  problems.push(...checkOrder(overrides, VERSION_OVERRIDES_ORDER, 'VersionOverrides 1.1'));
  problems.push(...checkRequired(overrides, ['Requirements', 'Hosts', 'Resources'], 'VersionOverrides 1.1'));
  const resources = childNamed(overrides, 'Resources');
  if (resources) problems.push(...checkOrder(resources, RESOURCES_ORDER, 'Resources'));
  for (const host of descendants(overrides).filter((element) => element.attributes['xsi:type'] === 'MailHost')) {
    problems.push(...checkOrder(host, MAIL_HOST_ORDER, 'MailHost'));
    const desktop = childNamed(host, 'DesktopFormFactor');
    if (desktop) problems.push(...checkOrder(desktop, FORM_FACTOR_ORDER, 'DesktopFormFactor'));
  }
  for (const control of descendants(overrides).filter((element) => element.name === 'Control')) {
    const where = `Control ${control.attributes.id ?? '(no id)'}`;
    problems.push(...checkOrder(control, CONTROL_ORDER, where), ...checkRequired(control, CONTROL_ORDER, where));
  }
  return problems;
}

type ResourceKind = 'Images' | 'Urls' | 'ShortStrings' | 'LongStrings';

/** Which resource collection a `resid` on this element must name. */
function resourceKindOf(element: XmlElement, parent: XmlElement): ResourceKind | null {
  switch (element.name) {
    case 'Image':
      return 'Images';
    case 'SourceLocation':
    case 'FunctionFile':
    case 'Runtime':
      return 'Urls';
    case 'Override':
      return parent.name === 'Runtime' ? 'Urls' : null;
    case 'Label':
    case 'Title':
      return 'ShortStrings';
    case 'Description':
      return parent.name === 'Supertip' || parent.name === 'VersionOverrides' ? 'LongStrings' : null;
    default:
      return null;
  }
}

// XSD of basic types: ShortString 125, LongString 250; the unified manifest truncates supertip
// descriptions above 128 and resource ids are at most 32 characters.
const MAX_LENGTH: Record<'ShortStrings' | 'LongStrings', number> = { ShortStrings: 125, LongStrings: 250 };
const MAX_SUPERTIP_DESCRIPTION = 128;
const MAX_RESID = 32;

export function checkResourceIds(root: XmlElement): string[] {
  const overrides = versionOverrides11(root);
  if (!overrides) return ['VersionOverrides V1_1 nested in V1_0 is missing'];
  const problems: string[] = [];
  const defined = new Map<string, { kind: ResourceKind; value: string }>();
  const resources = childNamed(overrides, 'Resources');
  for (const collection of resources?.children ?? []) {
    for (const item of collection.children) {
      const id = item.attributes.id ?? '';
      if (!id) problems.push(`Resources/${collection.name}: an entry has no id`);
      if (id.length > MAX_RESID) problems.push(`resource id '${id}' is longer than ${MAX_RESID} characters`);
      if (defined.has(id)) problems.push(`resource id '${id}' is defined twice`);
      const value = item.attributes.DefaultValue ?? '';
      if (!value) problems.push(`resource '${id}' has no DefaultValue`);
      const kind = collection.name as ResourceKind;
      if (kind === 'ShortStrings' || kind === 'LongStrings') {
        if (value.length > MAX_LENGTH[kind]) problems.push(`resource '${id}' is longer than ${MAX_LENGTH[kind]}`);
      }
      defined.set(id, { kind, value });
    }
  }
  const used = new Set<string>();
  const visit = (element: XmlElement) => {
    for (const child of element.children) {
      const resid = child.attributes.resid;
      if (resid !== undefined) {
        used.add(resid);
        const expected = resourceKindOf(child, element);
        const definition = defined.get(resid);
        if (!definition) problems.push(`resid '${resid}' on <${child.name}> is not defined in Resources`);
        else if (expected && definition.kind !== expected) {
          problems.push(`resid '${resid}' on <${child.name}> must name a ${expected} entry, not ${definition.kind}`);
        } else if (element.name === 'Supertip' && definition.value.length > MAX_SUPERTIP_DESCRIPTION) {
          problems.push(`supertip text '${resid}' is longer than ${MAX_SUPERTIP_DESCRIPTION}`);
        }
      }
      visit(child);
    }
  };
  visit(overrides);
  for (const id of defined.keys()) if (!used.has(id)) problems.push(`resource '${id}' is never used`);
  return problems;
}

/** Every URL in the manifest (attributes and text), with where it was found. */
export function manifestUrls(root: XmlElement): Array<{ where: string; url: string }> {
  const urls: Array<{ where: string; url: string }> = [];
  const looksLikeUrl = (value: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(value.trim());
  for (const element of [root, ...descendants(root)]) {
    for (const [name, value] of Object.entries(element.attributes)) {
      if (name.startsWith('xmlns')) continue;
      if (looksLikeUrl(value)) urls.push({ where: `<${element.name} ${name}>`, url: value.trim() });
    }
    if (element.children.length === 0 && looksLikeUrl(element.text)) {
      urls.push({ where: `<${element.name}>`, url: element.text });
    }
  }
  return urls;
}

/** All URLs are https and on the given origin (the server's). */
export function checkUrls(root: XmlElement, origin: string): string[] {
  const urls = manifestUrls(root);
  if (urls.length === 0) return ['the manifest has no URLs'];
  return urls.flatMap(({ where, url }) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return [`${where}: '${url}' is not a URL`];
    }
    if (parsed.protocol !== 'https:') return [`${where}: '${url}' is not https`];
    if (parsed.origin !== origin) return [`${where}: '${url}' is not on ${origin}`];
    return [];
  });
}

/** Requirement-set versions compare as integers per part: 1.13 > 1.8. */
export function compareVersions(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let index = 0; index < Math.max(left.length, right.length); index++) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** Removes the VersionOverrides element, which the published top-level XSD checks only laxly. */
export function withoutVersionOverrides(xml: string): string {
  const start = xml.indexOf('<VersionOverrides');
  const end = xml.lastIndexOf('</VersionOverrides>');
  if (start === -1 || end === -1) return xml;
  return xml.slice(0, start) + xml.slice(end + '</VersionOverrides>'.length);
}
