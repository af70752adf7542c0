import { expect, test } from 'vitest';
import { runInJob } from '../../../server/src/observability/job-context.js';
import type { JobContext } from '../../../server/src/observability/job-context.js';
import { abortWithJob } from '../../../server/src/jobs/job-aware-fetch.js';
import { capturingLogger } from '../../support/capture-log.js';

// A sync job's request on the wire is abandoned when the job loses its lease (the queue aborts its
// signal and another worker runs it), so the old run's write cannot land after the new run's.

const jobWith = (signal: AbortSignal): JobContext => ({
  queue: 'room-changed',
  jobId: 1,
  mailbox: 'room-1@contoso.com',
  reason: null,
  log: capturingLogger('silent').log,
  signal,
});

/** A server that answers only when the request is aborted (then fetch rejects, as undici does). */
const hangingFetch = (seen: Array<AbortSignal | null | undefined>) => (_url: string, init?: RequestInit) =>
  new Promise<Response>((_resolve, reject) => {
    seen.push(init?.signal);
    init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
  });

test('a request on the wire is abandoned when its job loses the lease: UNAVAILABLE, which no layer retries', async () => {
  const lease = new AbortController();
  const seen: Array<AbortSignal | null | undefined> = [];
  const fetch = abortWithJob(hangingFetch(seen));
  const request = runInJob(jobWith(lease.signal), () => fetch('https://workplace.example/api/v1/reservations'));
  await Promise.resolve();
  lease.abort(new Error('lease lost'));
  await expect(request).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  expect(seen).toHaveLength(1);
});

test('after the loss no request starts; its own timeout still applies; outside a job nothing changes', async () => {
  const lease = new AbortController();
  lease.abort(new Error('lease lost'));
  const seen: Array<AbortSignal | null | undefined> = [];
  const fetch = abortWithJob(hangingFetch(seen));
  await expect(runInJob(jobWith(lease.signal), () => fetch('https://graph.example/v1.0/x'))).rejects.toMatchObject({
    code: 'UNAVAILABLE',
  });
  expect(seen).toEqual([]);

  const timeout = new AbortController();
  const running = runInJob(jobWith(new AbortController().signal), () =>
    fetch('https://graph.example/v1.0/x', { signal: timeout.signal }),
  );
  await Promise.resolve();
  timeout.abort();
  await expect(running).rejects.toMatchObject({ name: 'AbortError' });

  const plain = abortWithJob(async () => new Response('ok'));
  expect(await (await plain('https://graph.example/v1.0/x')).text()).toBe('ok');
});
