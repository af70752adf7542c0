import type { ReservationSystem, RoomCalendar } from './ports.js';
import type { SyncDeps } from './sync-room.js';

/**
 * The ports, stopping as soon as `signal` is aborted: no Graph or Workplace call starts after it. The
 * queue aborts a job's signal when the job's lease is lost (a stalled process, a shutdown's grace over)
 * and hands the job to another worker; the old run must then write nothing more beside the new one.
 */
export function stopOnAbort(deps: SyncDeps, signal: AbortSignal): SyncDeps {
  const guard = <T extends object>(port: T): T =>
    // A port a caller left out (a test's partial deps) stays as it is.
    port === undefined || port === null
      ? port
      : new Proxy(port, {
          get(target, property, receiver) {
            const value: unknown = Reflect.get(target, property, receiver);
            if (typeof value !== 'function') return value;
            return (...args: unknown[]) => {
              signal.throwIfAborted();
              return (value as (...args: unknown[]) => unknown).apply(target, args);
            };
          },
        });
  return {
    ...deps,
    calendar: guard<RoomCalendar>(deps.calendar),
    reservations: guard<ReservationSystem>(deps.reservations),
    signal,
  };
}
