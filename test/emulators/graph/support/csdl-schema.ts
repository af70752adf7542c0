import { existsSync, readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';

// Reads the Graph v1.0 CSDL and checks payloads against it: every property name must exist on the
// declared type or one of its base types, and every enum value must be a member of its enum type.
// Nothing here is typed by hand; the types and members come from the metadata file.

type XmlNode = Record<string, unknown>;
type StructuredType = { name: string; baseType: string | null; isOpen: boolean; properties: Map<string, string> };
export type CsdlSchema = {
  structured: Map<string, StructuredType>;
  enums: Map<string, { members: Set<string>; isFlags: boolean }>;
};

const COPIED = new URL('../../../fixtures/graph/v1.0-metadata.xml', import.meta.url);
const SHARED = new URL('../../../../../shared/schemas/graph/v1.0-metadata.xml', import.meta.url);

/** Where the CSDL is: the copy in test/fixtures, else ../shared relative to the repository root. */
export function csdlLocation(): URL | null {
  if (existsSync(COPIED)) return COPIED;
  return existsSync(SHARED) ? SHARED : null;
}

const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** 'graph.attendee', 'microsoft.graph.attendee', '#Microsoft.Graph.Event' → 'attendee' / 'event'. */
export function shortTypeName(type: string): string {
  return type.replace(/^#/, '').replace(/^(graph|microsoft\.graph)\./i, '');
}

let cached: CsdlSchema | undefined;

export function loadCsdl(location: URL): CsdlSchema {
  if (cached) return cached;
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });
  const document = parser.parse(readFileSync(location, 'utf8')) as XmlNode;
  const dataServices = (document['edmx:Edmx'] as XmlNode)['edmx:DataServices'] as XmlNode;
  const schema = asArray(dataServices.Schema as XmlNode | XmlNode[]).find(
    (node) => node.Namespace === 'microsoft.graph',
  );
  if (!schema) throw new Error('The CSDL has no microsoft.graph schema');
  const structured = new Map<string, StructuredType>();
  for (const node of [
    ...asArray(schema.EntityType as XmlNode | XmlNode[]),
    ...asArray(schema.ComplexType as XmlNode | XmlNode[]),
  ]) {
    const properties = new Map<string, string>();
    for (const property of [
      ...asArray(node.Property as XmlNode | XmlNode[]),
      ...asArray(node.NavigationProperty as XmlNode | XmlNode[]),
    ]) {
      properties.set(String(property.Name), String(property.Type));
    }
    structured.set(String(node.Name).toLowerCase(), {
      name: String(node.Name),
      baseType: node.BaseType ? shortTypeName(String(node.BaseType)) : null,
      isOpen: node.OpenType === 'true',
      properties,
    });
  }
  const enums = new Map<string, { members: Set<string>; isFlags: boolean }>();
  for (const node of asArray(schema.EnumType as XmlNode | XmlNode[])) {
    enums.set(String(node.Name).toLowerCase(), {
      members: new Set(asArray(node.Member as XmlNode | XmlNode[]).map((member) => String(member.Name))),
      isFlags: node.IsFlags === 'true',
    });
  }
  cached = { structured, enums };
  return cached;
}

function propertyType(schema: CsdlSchema, typeName: string, property: string): string | undefined {
  for (
    let type = schema.structured.get(typeName.toLowerCase());
    type;
    type = type.baseType ? schema.structured.get(type.baseType.toLowerCase()) : undefined
  ) {
    const found = type.properties.get(property);
    if (found) return found;
  }
  return undefined;
}

function isOpenType(schema: CsdlSchema, typeName: string): boolean {
  for (
    let type = schema.structured.get(typeName.toLowerCase());
    type;
    type = type.baseType ? schema.structured.get(type.baseType.toLowerCase()) : undefined
  ) {
    if (type.isOpen) return true;
  }
  return false;
}

/**
 * Every violation of `value` against CSDL type `typeName` (e.g. 'event'): unknown properties, unknown
 * enum members. Open types (changeNotification.resourceData) accept any property. Annotations (@odata.*)
 * are skipped, but `@odata.type` switches to the derived type it names.
 */
export function csdlViolations(schema: CsdlSchema, value: unknown, typeName: string, path = typeName): string[] {
  if (value === null || value === undefined) return [];
  const collection = /^Collection\((.*)\)$/.exec(typeName);
  if (collection) {
    if (!Array.isArray(value)) return [`${path}: expected a collection`];
    return value.flatMap((item, index) => csdlViolations(schema, item, collection[1]!, `${path}[${index}]`));
  }
  if (typeName.startsWith('Edm.')) return [];
  const short = shortTypeName(typeName);
  const enumType = schema.enums.get(short.toLowerCase());
  if (enumType) {
    if (typeof value !== 'string') return [`${path}: enum ${short} needs a string, got ${JSON.stringify(value)}`];
    const members = enumType.isFlags ? value.split(',').map((member) => member.trim()) : [value];
    return members
      .filter((member) => !enumType.members.has(member))
      .map((member) => `${path}: '${member}' is not a member of ${short}`);
  }
  if (!schema.structured.has(short.toLowerCase())) return [`${path}: unknown type ${typeName}`];
  if (typeof value !== 'object' || Array.isArray(value)) return [`${path}: expected an object of type ${short}`];
  const record = value as Record<string, unknown>;
  const declared = typeof record['@odata.type'] === 'string' ? shortTypeName(record['@odata.type']) : short;
  const actual = schema.structured.has(declared.toLowerCase()) ? declared : short;
  if (isOpenType(schema, actual) && actual.toLowerCase() === 'resourcedata') return [];
  const violations: string[] = [];
  for (const [key, propertyValue] of Object.entries(record)) {
    if (key.startsWith('@')) continue;
    const type = propertyType(schema, actual, key);
    if (!type) {
      violations.push(`${path}.${key}: no such property on ${actual}`);
      continue;
    }
    violations.push(...csdlViolations(schema, propertyValue, type, `${path}.${key}`));
  }
  return violations;
}
