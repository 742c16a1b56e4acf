/** Calls a route handler exactly as Next 16 does: a real Request and `{ params: Promise<…> }`. */
type Handler<P> = (request: Request, context: { params: Promise<P> }) => Response | Promise<Response>;

interface CallOptions<P = Record<string, string>> {
  token?: string | null;
  /** Serialised as JSON unless a string, which is sent as is (for malformed bodies). */
  body?: unknown;
  params?: P;
  /** Undefined values are left out, as a client omits a parameter it has no value for. */
  query?: Record<string, string | undefined>;
  authorization?: string;
}

export interface Answer {
  status: number;
  contentType: string | null;
  // Tests read many shapes; the Room/Member/Problem schemas check them where it matters.
  json: any;
  /** The body as text, for downloads. */
  text: string;
}

export async function call<P extends Record<string, string>>(
  handler: Handler<P>,
  method: string,
  path: string,
  options: CallOptions<P> = {},
): Promise<Answer> {
  const url = new URL(path, 'http://localhost');
  for (const [key, value] of Object.entries(options.query ?? {})) if (value !== undefined) url.searchParams.set(key, value);
  const headers = new Headers();
  const authorization = options.authorization ?? (options.token ? `Bearer ${options.token}` : undefined);
  if (authorization) headers.set('authorization', authorization);
  let body: string | undefined;
  if (options.body !== undefined) {
    headers.set('content-type', 'application/json');
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  const response = await handler(new Request(url, { method, headers, body }), { params: Promise.resolve(options.params ?? ({} as P)) });
  const text = await response.text();
  const contentType = response.headers.get('content-type');
  // Downloads (CSV, PDF, calendar) are not JSON: their body is read, not parsed.
  return { status: response.status, contentType, text, json: text && (!contentType || contentType.includes('json')) ? JSON.parse(text) : undefined };
}
