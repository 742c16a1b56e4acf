import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local HTTP stand-in of the Resend API (POST /emails, POST /emails/batch), for tests and the
 * reminders benchmark, reached through RESEND_BASE_URL. It keeps Resend's idempotency contract:
 * the same key with the same body answers the first answer again and delivers nothing; the same
 * key with another body is refused with 409.
 */
export interface StandInDelivery {
  id: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  attachments: { filename: string; content_type?: string; content: string }[];
  idempotencyKey: string | null;
}

export interface StandInRequest {
  path: string;
  idempotencyKey: string | null;
}

export interface ResendStandIn {
  url: string;
  deliveries: StandInDelivery[];
  requests: StandInRequest[];
  /** The next `count` calls answer `status` (e.g. 429 with a Retry-After) and deliver nothing. */
  failNext: (count: number, status: number, headers?: Record<string, string>) => void;
  /**
   * The next call never gets an answer, as when the caller dies mid-request; with `deliver` the
   * emails are delivered first (the answer is what gets lost). Resolves once that call arrived.
   */
  holdNext: (options: { deliver: boolean }) => Promise<void>;
  close: () => Promise<void>;
}

type Payload = Omit<StandInDelivery, 'id' | 'idempotencyKey'>;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function answer(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

const problem = (statusCode: number, name: string, message: string) => ({ statusCode, name, message });

export async function startResendStandIn(): Promise<ResendStandIn> {
  const deliveries: StandInDelivery[] = [];
  const requests: StandInRequest[] = [];
  const remembered = new Map<string, { bodyHash: string; status: number; body: unknown }>();
  const failures: { status: number; headers: Record<string, string> }[] = [];
  const holds: { deliver: boolean; arrived: () => void }[] = [];

  function deliver(payload: Payload, idempotencyKey: string | null): { id: string } {
    const id = randomUUID();
    deliveries.push({ ...payload, attachments: payload.attachments ?? [], id, idempotencyKey });
    return { id };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://stand-in').pathname;
    const idempotencyKey = (req.headers['idempotency-key'] as string | undefined) ?? null;
    const raw = await readBody(req);
    requests.push({ path, idempotencyKey });
    if (req.method !== 'POST' || (path !== '/emails' && path !== '/emails/batch')) {
      return answer(res, 404, problem(404, 'not_found', 'Route not found'));
    }
    if (!req.headers.authorization?.startsWith('Bearer ')) {
      return answer(res, 401, problem(401, 'missing_api_key', 'Missing API key in the authorization header'));
    }
    const failure = failures.shift();
    if (failure) {
      const name = failure.status === 429 ? 'rate_limit_exceeded' : 'application_error';
      return answer(res, failure.status, problem(failure.status, name, `stand-in answers ${failure.status}`), failure.headers);
    }
    const hold = holds.shift();
    if (hold && !hold.deliver) return hold.arrived();

    const bodyHash = createHash('sha256').update(raw).digest('hex');
    const previous = idempotencyKey ? remembered.get(idempotencyKey) : undefined;
    if (previous && previous.bodyHash !== bodyHash) {
      return answer(res, 409, problem(409, 'invalid_idempotent_request', 'Same idempotency key used with a different request payload'));
    }
    if (previous) return answer(res, previous.status, previous.body);

    const parsed = JSON.parse(raw) as Payload | Payload[];
    const body = Array.isArray(parsed)
      ? { data: parsed.map((payload) => deliver(payload, idempotencyKey)) }
      : deliver(parsed, idempotencyKey);
    if (idempotencyKey) remembered.set(idempotencyKey, { bodyHash, status: 200, body });
    if (hold) return hold.arrived();
    return answer(res, 200, body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => answer(res, 500, problem(500, 'internal_server_error', String(error))));
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    deliveries,
    requests,
    failNext: (count, status, headers = {}) => {
      for (let i = 0; i < count; i++) failures.push({ status, headers });
    },
    holdNext: ({ deliver }) => new Promise<void>((arrived) => holds.push({ deliver, arrived })),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
