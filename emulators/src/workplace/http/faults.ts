import { z } from 'zod';

const Match = z
  .strictObject({
    method: z.string().toUpperCase().optional(),
    path: z.string().startsWith('/').optional().meta({ description: 'A path prefix, e.g. /api/v1/reservations.' }),
  })
  .optional();

const count = z.number().int().min(1).max(1000).default(1);

/** Faults the control API can inject; each applies to the next `count` matching requests, reads or deliveries. */
export const FaultSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('error'),
    count,
    status: z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)]).default(503),
    /** 'after': the request is carried out, then its answer is replaced by the error (a lost response). */
    phase: z.enum(['before', 'after']).default('before'),
    match: Match,
  }),
  z.strictObject({
    kind: z.literal('throttle'),
    count,
    retryAfterSeconds: z.number().int().min(0).max(3600).default(1),
    match: Match,
  }),
  z.strictObject({ kind: z.literal('slow'), count, delayMs: z.number().int().min(1).max(600_000), match: Match }),
  z.strictObject({ kind: z.literal('duplicate-feed'), count }),
  z.strictObject({ kind: z.literal('reorder-feed'), count }),
  z.strictObject({ kind: z.literal('webhook-loss'), count }),
]);
export type FaultInput = z.input<typeof FaultSchema>;
export type Fault = z.output<typeof FaultSchema>;
type FaultKind = Fault['kind'];

export type Faults = ReturnType<typeof createFaults>;

export function createFaults() {
  let active: Fault[] = [];
  const matches = (fault: Fault, request?: { method: string; path: string }) => {
    if (!('match' in fault) || !fault.match) return true;
    if (!request) return false;
    return (
      (!fault.match.method || fault.match.method === request.method) &&
      (!fault.match.path || request.path.startsWith(fault.match.path))
    );
  };
  return {
    add: (fault: Fault) => void active.push(structuredClone(fault)),
    clear: () => void (active = []),
    list: (): Fault[] => structuredClone(active),
    /** Uses up one application of the first matching fault of one of `kinds`. */
    take<Kind extends FaultKind>(
      kinds: Kind[],
      request?: { method: string; path: string },
    ): Extract<Fault, { kind: Kind }> | null {
      const fault = active.find(
        (candidate) => (kinds as FaultKind[]).includes(candidate.kind) && matches(candidate, request),
      );
      if (!fault) return null;
      fault.count -= 1;
      if (fault.count <= 0) active = active.filter((candidate) => candidate !== fault);
      return fault as Extract<Fault, { kind: Kind }>;
    },
  };
}
