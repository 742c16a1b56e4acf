import type { Actor } from '@/server/auth/actor';
import { systemClock } from '@/server/lib/clock';
import { PayloadTooLargeError, ValidationError } from '@/server/lib/errors';
import { unstorableText } from '@/server/lib/validation';
import { actorForBearer } from '@/server/users/tokens';
import { problemFromError } from './problem';

type Params = Record<string, string>;

export interface ApiContext<P extends Params> {
  request: Request;
  actor: Actor;
  params: P;
  now: Date;
  /**
   * The JSON body; a body that is not JSON is refused with 400 naming `body`. Routes hand it on
   * typed as the service's input because the service parses it with the documented schema.
   */
  body: () => Promise<unknown>;
  /** The raw body, for uploads (T-2 announcement), up to the route's `maxBodyBytes`. */
  bytes: () => Promise<Uint8Array>;
  query: Record<string, string>;
}

/** Thin route handler: authenticate (API-1), run the use case, answer JSON or problem+json. */
export function apiRoute<P extends Params = Params>(
  handler: (ctx: ApiContext<P>) => Promise<unknown>,
  options: { status?: number; maxBodyBytes?: number } = {},
) {
  const limit = options.maxBodyBytes ?? MAX_BODY_BYTES;
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    try {
      if (Number(request.headers.get('content-length')) > limit) throw new PayloadTooLargeError(limit);
      const actor = await actorForBearer(request.headers.get('authorization'));
      const params = await context.params;
      const query = Object.fromEntries(new URL(request.url).searchParams);
      // Path ids are checked by each service (a malformed id is a missing one: 404, T-1).
      const unstorable = unstorableText(query);
      if (unstorable) throw new ValidationError([unstorable]);
      const result = await handler({ request, actor, params, now: systemClock(), body: () => readJson(request), bytes: () => readLimited(request, limit), query });
      if (result === undefined) return new Response(null, { status: 204 });
      // A download (text/calendar…) is answered as its route built it.
      if (result instanceof Response) return result;
      return Response.json(result, { status: options.status ?? 200 });
    } catch (error) {
      return problemFromError(error);
    }
  };
}

/** Issue 13: the API reads no body over 1 MB; a 100 MB body must not grow the process by 100 MB. */
export const MAX_BODY_BYTES = 1_048_576;

async function readJson(request: Request): Promise<unknown> {
  const text = new TextDecoder().decode(await readLimited(request, MAX_BODY_BYTES));
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ValidationError([{ field: 'body', code: 'field.invalid' }]);
  }
  const unstorable = unstorableText(body);
  if (unstorable) throw new ValidationError([unstorable]);
  return body;
}

/** The body, counted as it streams in: past the limit, reading stops and the rest is never buffered. */
async function readLimited(request: Request, limit: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) throw new PayloadTooLargeError(limit);
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new PayloadTooLargeError(limit);
    }
    chunks.push(value);
  }
  return new Uint8Array(Buffer.concat(chunks));
}
