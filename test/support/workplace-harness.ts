import { createWorkplaceEmulator } from '../../emulators/src/workplace/index.js';
import type { WorkplaceEmulator, WorkplaceEmulatorOptions } from '../../emulators/src/workplace/index.js';
import { createWorkplaceClient } from '../../server/src/adapters/workplace/index.js';
import type { WorkplaceHttpOptions } from '../../server/src/adapters/workplace/index.js';
import { createContractValidator } from './openapi-contract.js';
import type { ContractValidator } from './openapi-contract.js';

/** Monday 2 March 2026, 09:00 in Brussels (UTC+1), 03:00 in New York (UTC-5). */
export const TEST_NOW = new Date('2026-03-02T08:00:00Z');

/** The demo seed's mailbox links, as the server's rooms table would hold them. */
export const DEMO_MAILBOXES: Record<string, string> = {
  'a-bru-0.01': 'room-brussels-0.01@contoso.com',
  'a-bru-1.01': 'room-brussels-1.01@contoso.com',
  'a-bru-1.02': 'room-brussels-1.02@contoso.com',
  'a-bru-2.01': 'room-brussels-2.01@contoso.com',
  'a-bru-2.02': 'room-brussels-2.02@contoso.com',
  'a-nyc-10.01': 'room-newyork-10.01@contoso.com',
  'a-nyc-10.02': 'room-newyork-10.02@contoso.com',
  'a-nyc-11.01': 'room-newyork-11.01@contoso.com',
};
export const mailboxOfArea = (areaId: string) => DEMO_MAILBOXES[areaId] ?? null;
export const areaOfMailbox = (mailbox: string) =>
  Object.entries(DEMO_MAILBOXES).find(([, candidate]) => candidate === mailbox.toLowerCase())?.[0] ?? null;

export function createTestClock(start: Date = TEST_NOW) {
  let now = start;
  return {
    now: () => now,
    set: (at: Date) => void (now = at),
    advance: (ms: number) => void (now = new Date(now.getTime() + ms)),
  };
}

// Tests read answers loosely; their shape is what the contract validation checks.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type InjectResult = { status: number; headers: Record<string, unknown>; body: any };

/**
 * `app.inject` with the API key, every response checked against the contract. Contract violations are
 * collected in `violations`; tests assert it stays empty.
 */
export function createInjector(emulator: WorkplaceEmulator, contract: ContractValidator, violations: string[]) {
  return async function call(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    options: { body?: unknown; headers?: Record<string, string>; remoteAddress?: string } = {},
  ): Promise<InjectResult> {
    const response = await emulator.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${emulator.apiKey}`, ...options.headers },
      ...(options.body !== undefined ? { payload: options.body as object } : {}),
      ...(options.remoteAddress ? { remoteAddress: options.remoteAddress } : {}),
    });
    const body = response.body ? JSON.parse(response.body) : undefined;
    if (url.startsWith('/api/v1/') && !url.startsWith('/api/v1/openapi.json')) {
      violations.push(...contract.validateResponse({ method, url, status: response.statusCode, body }));
    }
    return { status: response.statusCode, headers: response.headers, body };
  };
}

export async function contractOf(emulator: WorkplaceEmulator): Promise<ContractValidator> {
  const response = await emulator.app.inject({ url: '/api/v1/openapi.json' });
  return createContractValidator(response.json());
}

/** An emulator on the in-memory app (inject) with a test clock. */
export async function createInjectedWorkplace(options: WorkplaceEmulatorOptions = {}) {
  const clock = createTestClock();
  const emulator = createWorkplaceEmulator({ now: clock.now, ...options });
  const contract = await contractOf(emulator);
  const violations: string[] = [];
  return { emulator, clock, contract, violations, call: createInjector(emulator, contract, violations) };
}

/**
 * The emulator listening on 127.0.0.1:0 and adapter clients that talk to it through a fetch that
 * checks every request and response against the contract. Backoff sleeps are recorded, not waited.
 */
export async function startWorkplace(
  options: WorkplaceEmulatorOptions = {},
  beforeListen: (emulator: WorkplaceEmulator) => void = () => {},
) {
  const clock = createTestClock();
  const emulator = createWorkplaceEmulator({ now: clock.now, ...options });
  beforeListen(emulator);
  const baseUrl = await emulator.app.listen({ host: '127.0.0.1', port: 0 });
  const contract = await contractOf(emulator);
  const violations: string[] = [];
  const exchanges: Array<{ method: string; path: string; status: number; headers: Record<string, string> }> = [];

  const contractFetch: typeof fetch = async (input, init = {}) => {
    const url = String(input);
    const method = init.method ?? 'GET';
    const headers = (init.headers ?? {}) as Record<string, string>;
    const body = init.body === undefined ? undefined : JSON.parse(String(init.body));
    violations.push(...contract.validateRequest({ method, url, headers, body }));
    const response = await fetch(input, init);
    const text = await response.clone().text();
    violations.push(
      ...contract.validateResponse({ method, url, status: response.status, body: text ? JSON.parse(text) : undefined }),
    );
    exchanges.push({ method, path: new URL(url).pathname, status: response.status, headers });
    return response;
  };

  const sleeps: number[] = [];
  const client = (overrides: Partial<WorkplaceHttpOptions> & { pageSize?: number } = {}) =>
    createWorkplaceClient({
      baseUrl,
      apiKey: emulator.apiKey,
      fetch: contractFetch,
      sleep: async (ms) => void sleeps.push(ms),
      random: () => 0.5,
      now: clock.now,
      ...overrides,
    });

  return {
    emulator,
    clock,
    baseUrl,
    contract,
    violations,
    exchanges,
    sleeps,
    client,
    call: createInjector(emulator, contract, violations),
    close: () => emulator.app.close(),
  };
}
