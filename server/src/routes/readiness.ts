import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isAppError } from '../errors.js';
import type { ReadinessCheck } from '../observability/readiness-checks.js';

export type ReadinessRoutesOptions = {
  /** Named checks (database, queue, graph, workplace), each made to fail in tests by injection. */
  checks: Record<string, ReadinessCheck>;
  /** A check slower than this fails. Default 2 s. */
  timeoutMs?: number;
  /** Probes within this long share one result, so probes cannot flood Graph or Workplace. Default 2 s. */
  cacheMs?: number;
  now?: () => number;
};

const CheckResult = z.object({
  status: z.enum(['ok', 'failed']),
  durationMs: z.number(),
  /** Why it failed, without details that could leak secrets or topology (those go to the log). */
  reason: z.string().optional(),
});
const ReadinessBody = z.object({
  status: z.enum(['ready', 'not-ready']),
  checks: z.record(z.string(), CheckResult),
});
type ReadinessBody = z.infer<typeof ReadinessBody>;

class CheckTimeout extends Error {
  override readonly name = 'CheckTimeout';
}

function withTimeout(check: ReadinessCheck, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new CheckTimeout(`no answer within ${timeoutMs} ms`)), timeoutMs);
    timer.unref();
  });
  return Promise.race([check(), timeout]).finally(() => clearTimeout(timer));
}

const reasonOf = (error: unknown): string =>
  error instanceof CheckTimeout
    ? 'timeout'
    : isAppError(error)
      ? error.code
      : error instanceof Error
        ? error.name
        : 'failed';

/**
 * `GET /readyz`: whether this instance can do its work. Every check runs (in parallel, each with a
 * timeout); 200 `{status: 'ready'}` when all pass, 503 naming the failed ones otherwise, so a load
 * balancer or orchestrator stops sending traffic until they pass. `/healthz` only says the process is alive.
 */
export const readinessRoutes: FastifyPluginAsyncZod<ReadinessRoutesOptions> = async (
  app,
  { checks, timeoutMs = 2_000, cacheMs = 2_000, now = () => performance.now() },
) => {
  let last: { at: number; body: Promise<ReadinessBody> } | null = null;

  const runChecks = async (): Promise<ReadinessBody> => {
    const entries = await Promise.all(
      Object.entries(checks).map(async ([name, check]) => {
        const startedAt = now();
        try {
          await withTimeout(check, timeoutMs);
          return [name, { status: 'ok' as const, durationMs: Math.round(now() - startedAt) }] as const;
        } catch (error) {
          app.log.warn({ err: error, check: name }, 'readiness check failed');
          const result = {
            status: 'failed' as const,
            durationMs: Math.round(now() - startedAt),
            reason: reasonOf(error),
          };
          return [name, result] as const;
        }
      }),
    );
    const isReady = entries.every(([, result]) => result.status === 'ok');
    return { status: isReady ? 'ready' : 'not-ready', checks: Object.fromEntries(entries) };
  };

  app.get(
    '/readyz',
    {
      schema: {
        summary: 'Readiness: database, queue, Microsoft Graph and Workplace reachable',
        tags: ['operations'],
        response: { 200: ReadinessBody, 503: ReadinessBody },
      },
    },
    async (_request, reply) => {
      if (!last || now() - last.at >= cacheMs) last = { at: now(), body: runChecks() };
      const body = await last.body;
      return reply
        .code(body.status === 'ready' ? 200 : 503)
        .header('cache-control', 'no-store')
        .send(body);
    },
  );
};
