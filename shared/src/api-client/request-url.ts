/** A route template's `:params` filled in, each encoded as one path segment. */
export const toPath = (template: string, params: Record<string, string> = {}): string =>
  template.replace(/:(\w+)/g, (_match, name: string) => encodeURIComponent(params[name] ?? ''));

/** `?name=value&…` of the parameters that have a value (undefined and '' are left out), or ''. */
export function toQueryString(query: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}
