import { createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { actorForUser, type Actor } from '@/server/auth/actor';
import { db } from '@/server/db/client';
import { apiTokens } from '@/server/db/schema';
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

/** API-1: a token acts as its user, with that user's rights. */
export async function actorForBearer(authorization: string | null): Promise<Actor> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match || !match[1].startsWith(PREFIX)) throw new UnauthorizedError();
  const [row] = await db()
    .select({ id: apiTokens.id, userId: apiTokens.userId })
    .from(apiTokens)
    .where(eq(apiTokens.tokenHash, digest(match[1])));
  const actor = row && (await actorForUser(row.userId));
  if (!actor) throw new UnauthorizedError();
  return actor;
}
