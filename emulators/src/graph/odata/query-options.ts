import { badRequest } from './graph-error.js';
import { parseFilter } from './odata-filter.js';
import type { FilterExpression } from './odata-filter.js';

export type QueryOptions = {
  select: string[] | null;
  top: number | null;
  skip: number;
  filter: FilterExpression | null;
  /** `$expand=singleValueExtendedProperties($filter=…)`: the filter on property ids; null when not expanded. */
  expandExtendedProperties: FilterExpression | null;
  /** Other query parameters (startDateTime, $skiptoken…), keys lower-cased as Graph reads them case-insensitively. */
  parameters: Map<string, string>;
};

function readNonNegativeInteger(value: string, name: string): number {
  if (!/^\d+$/.test(value)) throw badRequest(`Invalid value '${value}' for ${name}.`);
  return Number(value);
}

function readExpand(expand: string): FilterExpression | null {
  const match = /^\s*singleValueExtendedProperties\s*\(\s*\$filter\s*=\s*(.+)\)\s*$/i.exec(expand);
  if (match) return parseFilter(match[1]!);
  if (/^\s*singleValueExtendedProperties\s*$/i.test(expand)) {
    // Graph cannot list an item's extended properties: the expansion must name them (reference/graph.md §c4).
    throw badRequest("Expanding 'singleValueExtendedProperties' requires a $filter on 'id'.");
  }
  throw badRequest(
    `Parsing OData Select and Expand failed: Could not find a property named '${expand.split('(')[0]}'.`,
  );
}

/** Reads the OData system query options Graph supports on Outlook collections; names are case-insensitive. */
export function readQueryOptions(query: Record<string, string | string[] | undefined>): QueryOptions {
  const parameters = new Map<string, string>();
  for (const [key, value] of Object.entries(query)) {
    const text = Array.isArray(value) ? value[value.length - 1] : value;
    if (text !== undefined) parameters.set(key.toLowerCase().replace(/^%24/, '$'), text);
  }
  const select = parameters.get('$select');
  const top = parameters.get('$top');
  const skip = parameters.get('$skip');
  const filter = parameters.get('$filter');
  const expand = parameters.get('$expand');
  return {
    select: select
      ? select
          .split(',')
          .map((name) => name.trim())
          .filter(Boolean)
      : null,
    top: top === undefined ? null : readNonNegativeInteger(top, '$top'),
    skip: skip === undefined ? 0 : readNonNegativeInteger(skip, '$skip'),
    filter: filter ? parseFilter(filter) : null,
    expandExtendedProperties: expand ? readExpand(expand) : null,
    parameters,
  };
}
