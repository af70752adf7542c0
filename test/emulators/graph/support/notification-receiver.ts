import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ReceivedNotification = Record<string, unknown> & {
  subscriptionId: string;
  changeType?: string;
  lifecycleEvent?: string;
  resource?: string;
  resourceData?: { id: string; '@odata.etag': string; '@odata.type': string; '@odata.id': string };
  clientState: string | null;
  tenantId: string;
};

/** How the receiver answers: the echo of the validation handshake, and the status of notification POSTs. */
export type ReceiverBehaviour = {
  /** Return something else than the token (to test the exact-echo rule). */
  validationAnswer?: (token: string) => { status: number; body: string; delayMs?: number };
  /** Status for notification POSTs, one per delivery (the last one repeats); default 202. */
  statuses?: number[];
};

/**
 * A webhook endpoint on http://127.0.0.1 (the emulator allows http on loopback): answers the validation
 * handshake and records every notification POST.
 */
export class NotificationReceiver {
  readonly validations: Array<{ path: string; token: string; contentType: string | undefined; body: string }> = [];
  readonly posts: Array<{ path: string; value: ReceivedNotification[] }> = [];
  behaviour: ReceiverBehaviour = {};
  private server: Server | null = null;
  private deliveries = 0;

  async start(): Promise<string> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Every notification received so far, in arrival order, flattened across POSTs. */
  get notifications(): ReceivedNotification[] {
    return this.posts.flatMap((post) => post.value);
  }

  changes(): ReceivedNotification[] {
    return this.notifications.filter((notification) => notification.lifecycleEvent === undefined);
  }

  lifecycleEvents(): string[] {
    return this.notifications.flatMap((notification) =>
      notification.lifecycleEvent ? [notification.lifecycleEvent] : [],
    );
  }

  clear(): void {
    this.posts.length = 0;
    this.validations.length = 0;
    this.deliveries = 0;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const token = url.searchParams.get('validationToken');
    if (token !== null) {
      this.validations.push({ path: url.pathname, token, contentType: request.headers['content-type'], body });
      const answer = this.behaviour.validationAnswer?.(token) ?? { status: 200, body: token };
      if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
      if (response.destroyed) return;
      response.writeHead(answer.status, { 'Content-Type': 'text/plain' }).end(answer.body);
      return;
    }
    const statuses = this.behaviour.statuses ?? [202];
    const status = statuses[Math.min(this.deliveries++, statuses.length - 1)]!;
    if (status >= 200 && status < 300)
      this.posts.push({ path: url.pathname, value: (JSON.parse(body) as { value: ReceivedNotification[] }).value });
    response.writeHead(status).end();
  }
}
