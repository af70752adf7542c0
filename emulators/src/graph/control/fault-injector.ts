import { GraphError } from '../odata/graph-error.js';

/** Answer the next `count` matching Graph requests with an error status (throttling, 5xx). */
export type StatusFault = {
  status: number;
  count: number;
  /** Only requests on this mailbox (email or id); otherwise every Graph request. */
  mailbox?: string;
  /** Only requests whose path contains this text. */
  pathContains?: string;
  method?: string;
  code?: string;
  message?: string;
  retryAfterSeconds?: number;
};

/** Slow down the next `count` matching requests by `ms` real milliseconds (e.g. to provoke concurrency throttling). */
export type LatencyFault = { ms: number; count: number; mailbox?: string; pathContains?: string };

/** Notification delivery faults for the next `count` notifications (of one subscription, if given). */
export type NotificationFault = {
  kind: 'drop' | 'duplicate' | 'delay';
  count: number;
  subscriptionId?: string;
  /** delay: emulated milliseconds to hold the notification back. */
  delayMs?: number;
};

export type RequestScope = { method: string; path: string; mailbox?: { id: string; email: string } };

const DEFAULT_ERRORS: Record<number, { code: string; message: string }> = {
  429: { code: 'ApplicationThrottled', message: 'Application is over its MailboxConcurrency limit.' },
  500: { code: 'generalException', message: 'General exception while processing.' },
  502: { code: 'BadGateway', message: 'Bad gateway.' },
  503: { code: 'ServiceNotAvailable', message: 'The service is temporarily unavailable. Please retry later.' },
  504: { code: 'UnknownError', message: 'The operation timed out.' },
};

/** Faults injected through the control API; each is consumed as matching traffic passes. */
export class FaultInjector {
  private statusFaults: StatusFault[] = [];
  private latencyFaults: LatencyFault[] = [];
  private notificationFaults: NotificationFault[] = [];
  /** Delta pages still to be answered empty (with a nextLink). */
  emptyDeltaPages = 0;

  addStatusFault(fault: StatusFault): void {
    this.statusFaults.push({ ...fault });
  }

  addLatencyFault(fault: LatencyFault): void {
    this.latencyFaults.push({ ...fault });
  }

  addNotificationFault(fault: NotificationFault): void {
    this.notificationFaults.push({ ...fault });
  }

  /** Applies latency and status faults that match this request; throws the GraphError of a status fault. */
  async apply(scope: RequestScope, phase: 'request' | 'mailbox'): Promise<void> {
    const latency = this.take(this.latencyFaults, scope, phase);
    if (latency) await new Promise((resolve) => setTimeout(resolve, latency.ms));
    const fault = this.take(this.statusFaults, scope, phase);
    if (!fault) return;
    const defaults = DEFAULT_ERRORS[fault.status] ?? { code: 'generalException', message: 'Injected failure.' };
    const headers: Record<string, string> = {};
    if (fault.retryAfterSeconds !== undefined || fault.status === 429 || fault.status === 503) {
      headers['Retry-After'] = String(fault.retryAfterSeconds ?? 1);
    }
    throw new GraphError(fault.status, fault.code ?? defaults.code, fault.message ?? defaults.message, headers);
  }

  takeNotificationFault(subscriptionId: string): NotificationFault | undefined {
    const fault = this.notificationFaults.find(
      (candidate) => !candidate.subscriptionId || candidate.subscriptionId === subscriptionId,
    );
    if (!fault) return undefined;
    fault.count -= 1;
    if (fault.count <= 0) this.notificationFaults = this.notificationFaults.filter((candidate) => candidate !== fault);
    return fault;
  }

  takeEmptyDeltaPage(): boolean {
    if (this.emptyDeltaPages <= 0) return false;
    this.emptyDeltaPages -= 1;
    return true;
  }

  clear(): void {
    this.statusFaults = [];
    this.latencyFaults = [];
    this.notificationFaults = [];
    this.emptyDeltaPages = 0;
  }

  /** Mailbox-bound faults are checked once the mailbox is known; the others on every request. */
  private take<T extends { count: number; mailbox?: string; pathContains?: string; method?: string }>(
    faults: T[],
    scope: RequestScope,
    phase: 'request' | 'mailbox',
  ): T | undefined {
    const fault = faults.find((candidate) => {
      if ((candidate.mailbox !== undefined) !== (phase === 'mailbox')) return false;
      if (candidate.mailbox !== undefined) {
        const wanted = candidate.mailbox.toLowerCase();
        if (scope.mailbox?.email.toLowerCase() !== wanted && scope.mailbox?.id.toLowerCase() !== wanted) return false;
      }
      if (candidate.pathContains && !scope.path.includes(candidate.pathContains)) return false;
      return !candidate.method || candidate.method.toUpperCase() === scope.method.toUpperCase();
    });
    if (!fault) return undefined;
    fault.count -= 1;
    if (fault.count <= 0) faults.splice(faults.indexOf(fault), 1);
    return fault;
  }
}
