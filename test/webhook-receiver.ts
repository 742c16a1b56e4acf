import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/**
 * A local webhook receiver, the stand-in for a tenant's endpoint in tests: it verifies every
 * delivery's Standard Webhooks signature with the endpoint's secret (as a real receiver would, with
 * the `standardwebhooks` package), keeps what it received, and can be told to fail.
 */
export interface Received {
  id: string;
  type: string;
  timestamp: string;
  data: Record<string, any>;
}

export class WebhookReceiver {
  readonly received: Received[] = [];
  readonly rejected: string[] = [];
  /** Answer with this HTTP status instead of 204 (a receiver that is down answers 503). */
  failWith: number | null = null;
  secret = '';
  private server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      if (this.failWith) {
        response.writeHead(this.failWith).end();
        return;
      }
      const body = Buffer.concat(chunks).toString('utf8');
      try {
        const payload = new Webhook(this.secret).verify(body, request.headers as Record<string, string>) as Omit<Received, 'id'>;
        this.received.push({ id: String(request.headers['webhook-id']), ...payload });
        response.writeHead(204).end();
      } catch (error) {
        this.rejected.push(String(error));
        response.writeHead(400).end();
      }
    });
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
