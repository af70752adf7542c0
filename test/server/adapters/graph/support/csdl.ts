import { existsSync, readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';

// The v1.0 CSDL (msgraph-metadata, clean_v10_metadata) read once: structured types with their properties
// (base types followed) and enum types with their members, namespace microsoft.graph only.

type StructuredType = { baseType: string | null; properties: Map<string, string> };
export type Csdl = { types: Map<string, StructuredType>; enums: Map<string, Set<string>> };

type XmlNode = Record<string, unknown>;
const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** `graph.attendee` / `microsoft.graph.attendee` → `attendee`; collections unwrapped. */
export function typeName(type: string): string {
  return type.replace(/^Collection\((.*)\)$/, '$1').replace(/^(graph|microsoft\.graph)\./, '');
}

// The copy in the repository first (msgraph-metadata clean_v10_metadata), then the shared research folder.
const CSDL_LOCATIONS = [
  new URL('../../../../fixtures/graph/v1.0-metadata.xml', import.meta.url),
  new URL('../../../../../../shared/schemas/graph/v1.0-metadata.xml', import.meta.url),
];

let cached: Csdl | undefined;

export function loadCsdl(): Csdl {
  if (cached) return cached;
  const source = CSDL_LOCATIONS.find((location) => existsSync(location));
  if (!source) throw new Error('The v1.0 CSDL is in neither test/fixtures/graph/ nor ../shared/schemas/graph/');
  const xml = readFileSync(source, 'utf8');
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });
  const document = parser.parse(xml) as XmlNode;
  const dataServices = (document['edmx:Edmx'] as XmlNode)['edmx:DataServices'] as XmlNode;
  const schema = asArray(dataServices.Schema as XmlNode | XmlNode[]).find(
    (node) => node.Namespace === 'microsoft.graph',
  );
  if (!schema) throw new Error('CSDL has no microsoft.graph schema');
  const types = new Map<string, StructuredType>();
  for (const node of [...asArray(schema.EntityType as XmlNode[]), ...asArray(schema.ComplexType as XmlNode[])]) {
    const properties = new Map<string, string>();
    for (const property of [...asArray(node.Property as XmlNode[]), ...asArray(node.NavigationProperty as XmlNode[])]) {
      properties.set(String(property.Name), String(property.Type));
    }
    types.set(String(node.Name), { baseType: node.BaseType ? typeName(String(node.BaseType)) : null, properties });
  }
  const enums = new Map<string, Set<string>>();
  for (const node of asArray(schema.EnumType as XmlNode[])) {
    enums.set(String(node.Name), new Set(asArray(node.Member as XmlNode[]).map((member) => String(member.Name))));
  }
  cached = { types, enums };
  return cached;
}

/** Properties of a type, its base types' included ('entity' gives `id`). */
export function propertiesOf(csdl: Csdl, name: string): Map<string, string> {
  const properties = new Map<string, string>();
  for (let current: string | null = name; current;) {
    const type = csdl.types.get(current);
    if (!type) throw new Error(`CSDL has no type '${current}'`);
    for (const [key, value] of type.properties) if (!properties.has(key)) properties.set(key, value);
    current = type.baseType;
  }
  return properties;
}

/**
 * Every property name and enum value in `value` that the CSDL does not define for `type`, as paths.
 * Instance annotations (`@odata.*`) are skipped; open types are not treated as open.
 */
export function csdlViolations(value: unknown, type: string, csdl: Csdl = loadCsdl(), path = type): string[] {
  const name = typeName(type);
  if (value === null || value === undefined) return [];
  if (Array.isArray(value))
    return value.flatMap((item, index) => csdlViolations(item, type, csdl, `${path}[${index}]`));
  const members = csdl.enums.get(name);
  if (members) {
    return typeof value === 'string' && value.split(',').every((member) => members.has(member.trim()))
      ? []
      : [`${path}: '${String(value)}' is not a member of ${name}`];
  }
  if (!csdl.types.has(name) || typeof value !== 'object') return [];
  const properties = propertiesOf(csdl, name);
  return Object.entries(value as Record<string, unknown>).flatMap(([key, entry]) => {
    if (key.startsWith('@')) return [];
    const propertyType = properties.get(key);
    if (!propertyType) return [`${path}.${key}: not a property of ${name}`];
    return csdlViolations(entry, propertyType, csdl, `${path}.${key}`);
  });
}
