import { invalidRequest } from '../odata/graph-error.js';

// Single-value extended property ids: "{Type} {GUID} Name {name}", "{Type} {GUID} Id 0x8000…" or a
// proptag "{Type} 0x…" (resources/extended-properties-overview.md).
const NAMED_ID = /^(\w+) \{([0-9a-fA-F-]{36})\} (Name) (.+)$/;
const NUMBERED_ID = /^(\w+) \{([0-9a-fA-F-]{36})\} (Id) (0x[0-9a-fA-F]{1,4})$/;
const PROPTAG_ID = /^(\w+) (0x[0-9a-fA-F]{1,8})$/;

const PROPERTY_TYPES = [
  'String',
  'Integer',
  'Boolean',
  'SystemTime',
  'Double',
  'Float',
  'Long',
  'Short',
  'Binary',
  'CLSID',
  'Currency',
  'Null',
  'Object',
  'Error',
  'ApplicationTime',
];

export function assertExtendedPropertyId(id: string): void {
  const match = NAMED_ID.exec(id) ?? NUMBERED_ID.exec(id) ?? PROPTAG_ID.exec(id);
  if (!match || !PROPERTY_TYPES.some((type) => type.toLowerCase() === match[1]!.toLowerCase())) {
    throw invalidRequest(`The extended property id '${id}' is not valid.`);
  }
}

/**
 * Whether two property ids name the same property. The type, GUID and "Name" keyword compare
 * case-insensitively; the name itself is case-sensitive, as Exchange's named properties are.
 */
export function isSameExtendedPropertyId(left: string, right: string): boolean {
  const a = NAMED_ID.exec(left);
  const b = NAMED_ID.exec(right);
  if (a && b) {
    return a[1]!.toLowerCase() === b[1]!.toLowerCase() && a[2]!.toLowerCase() === b[2]!.toLowerCase() && a[4] === b[4];
  }
  return left.toLowerCase() === right.toLowerCase();
}

export function looksLikeExtendedPropertyId(value: unknown): value is string {
  return typeof value === 'string' && (NAMED_ID.test(value) || NUMBERED_ID.test(value) || PROPTAG_ID.test(value));
}
