import { createHash, randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { actorColumns, type Actor } from '@/server/auth/actor';
import { db } from '@/server/db/client';
import { preparedOnce } from '@/server/db/prepared';
import { apiTokens, users } from '@/server/db/schema';
import { NotFoundError, UnauthorizedError } from '@/server/lib/errors';
import { findUserByEmail } from './service';

const PREFIX = 'cbt_';
const digest = (token: string) => createHash('sha256').update(token).digest('hex');

/** API-3 `token create`: the token is returned once and only its hash is kept (T-5). */
export async function createToken(email: string): Promise<{ token: string }> {
  const user = await findUserByEmail(email);
  if (!user) throw new NotFoundError('User');
  const token = PREFIX + randomBytes(32).toString('base64url');
  await db().insert(apiTokens).values({ tenantId: user.tenantId, userId: user.id, tokenHash: digest(token) });
  return { token };
}

// Token and user in one prepared round trip: this runs before every API request. The user is
// re-read each time, so a removed user's token stops working at once.
const actorByTokenHash = preparedOnce((database) =>
  database
    .select(actorColumns)
    .from(apiTokens)
    .innerJoin(users, and(eq(users.id, apiTokens.userId), eq(users.tenantId, apiTokens.tenantId)))
    .where(eq(apiTokens.tokenHash, sql.placeholder('hash')))
    .prepare('actor_by_token_hash'),
);

/** API-1: a token acts as its user, with that user's rights. */
export async function actorForBearer(authorization: string | null): Promise<Actor> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match || !match[1].startsWith(PREFIX)) throw new UnauthorizedError();
  const [actor] = await actorByTokenHash().execute({ hash: digest(match[1]) });
  if (!actor) throw new UnauthorizedError();
  return actor;
}
