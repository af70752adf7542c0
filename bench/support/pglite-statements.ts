import { performance } from 'node:perf_hooks';

type Queryable = { query: (...args: unknown[]) => unknown; exec?: (...args: unknown[]) => unknown };

/**
 * Counts the statements sent to PGlite from now on (drizzle, the job queue and the intake all go
 * through the client's query/exec, transactions through the transaction's), by statement (its first
 * words, parameters aside) with the time each took to answer. Null on PostgreSQL.
 */
export function countPgliteStatements(database: {
  kind: string;
  client: unknown;
}): { count(): number; top(limit: number): Array<[string, number, number]> } | null {
  if (database.kind !== 'pglite') return null;
  let count = 0;
  const byStatement = new Map<string, { count: number; ms: number }>();
  const note = (text: unknown, ms: number) => {
    const key = typeof text === 'string' ? text.replace(/\s+/g, ' ').replace(/\$\d+/g, '?').slice(0, 90) : '(not text)';
    const entry = byStatement.get(key) ?? { count: 0, ms: 0 };
    entry.count += 1;
    entry.ms += ms;
    byStatement.set(key, entry);
  };
  const timed =
    (run: (...args: unknown[]) => unknown) =>
    (...args: unknown[]) => {
      count += 1;
      const startedAt = performance.now();
      const result = run(...args);
      if (result instanceof Promise)
        void result.finally(() => note(args[0], performance.now() - startedAt)).catch(() => {});
      return result;
    };
  const wrap = (target: Queryable) => {
    target.query = timed(target.query.bind(target));
    if (target.exec) target.exec = timed(target.exec.bind(target));
  };
  const client = database.client as Queryable & { transaction: (run: (tx: Queryable) => unknown) => unknown };
  wrap(client);
  const transaction = client.transaction.bind(client);
  client.transaction = (run) => transaction((tx) => (wrap(tx), run(tx)));
  return {
    count: () => count,
    top: (limit) =>
      [...byStatement]
        .sort((a, b) => b[1].ms - a[1].ms)
        .slice(0, limit)
        .map(([text, { count: n, ms }]) => [text, n, ms]),
  };
}
