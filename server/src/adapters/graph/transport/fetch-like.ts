/**
 * The one HTTP function the adapter needs. `globalThis.fetch` satisfies it; tests pass a fake that
 * replays scripted responses, and a client of the emulator passes one that trusts its CA.
 */
export type FetchLike = (url: string, init?: RequestInit) => Promise<Response>;

/** What callers inject to wait (Retry-After, backoff); tests pass one that records and returns at once. */
export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
