import type { Context } from '@microsoft/microsoft-graph-client';

/** The SDK keeps headers as a plain object (GraphRequest.updateRequestOptions) or a Headers instance. */
export function setHeader(context: Context, name: string, value: string | undefined): void {
  const options = (context.options ??= {});
  const { headers } = options;
  if (headers instanceof Headers) {
    if (value === undefined) headers.delete(name);
    else headers.set(name, value);
    return;
  }
  const entries: Array<[string, string]> = Array.isArray(headers)
    ? headers.map(([key, entry]) => [String(key), String(entry)])
    : Object.entries((headers as Record<string, string> | undefined) ?? {});
  const kept = entries.filter(([key]) => key.toLowerCase() !== name.toLowerCase());
  options.headers = Object.fromEntries(value === undefined ? kept : [...kept, [name, value]]);
}

/** Frees the connection of a response we will not read (a 401 or 429 we retry). */
export async function discardBody(response: Response | undefined): Promise<void> {
  try {
    await response?.body?.cancel();
  } catch {
    // Nothing to free.
  }
}
