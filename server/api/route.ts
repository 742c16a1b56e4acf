import type { Actor } from '@/server/auth/actor';
import { systemClock } from '@/server/lib/clock';
import { ValidationError } from '@/server/lib/errors';
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
  query: Record<string, string>;
}

/** Thin route handler: authenticate (API-1), run the use case, answer JSON or problem+json. */
export function apiRoute<P extends Params = Params>(
  handler: (ctx: ApiContext<P>) => Promise<unknown>,
  options: { status?: number } = {},
) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const actor = await actorForBearer(request.headers.get('authorization'));
      const params = await context.params;
      const query = Object.fromEntries(new URL(request.url).searchParams);
      const result = await handler({ request, actor, params, now: systemClock(), body: () => readJson(request), query });
      if (result === undefined) return new Response(null, { status: 204 });
      return Response.json(result, { status: options.status ?? 200 });
    } catch (error) {
      return problemFromError(error);
    }
  };
}

async function readJson(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new ValidationError([{ field: 'body', code: 'field.invalid' }]);
  }
}
