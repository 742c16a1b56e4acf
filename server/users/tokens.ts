import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { actorColumns, isAdmin, type Actor } from '@/server/auth/actor';
import { db } from '@/server/db/client';
import { preparedOnce } from '@/server/db/prepared';
import { apiTokens, users } from '@/server/db/schema';
import { NotFoundError, UnauthorizedError } from '@/server/lib/errors';
import { isUuid } from '@/server/lib/ids';
import { parseInput, STORABLE_TEXT } from '@/server/lib/validation';
import { findUserByEmail } from './service';

const PREFIX = 'cbt_';
const DAY_MS = 86_400_000;
/** lastUsedAt is written at most this often per token, not on every request (issue 13). */
export const LAST_USED_RESOLUTION_MS = 60_000;
const digest = (token: string) => createHash('sha256').update(token).digest('hex');

export const tokenCreateSchema = z.object({
  name: z.string().trim().min(1, 'token.name').max(100, 'token.name').regex(STORABLE_TEXT, 'token.name').optional(),
  expiresInDays: z.coerce.number('token.expiresInDays').int('token.expiresInDays').min(1, 'token.expiresInDays').max(3650, 'token.expiresInDays').optional(),
});
export type TokenCreateInput = z.input<typeof tokenCreateSchema>;

export interface TokenView {
  id: string;
  name?: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
}

export interface TokenWithOwner extends TokenView {
  user: { id: string; name: string; email: string };
}

async function insertToken(user: { id: string; tenantId: string }, input: TokenCreateInput, now: Date) {
  const data = parseInput(tokenCreateSchema, input);
  const token = PREFIX + randomBytes(32).toString('base64url');
  const expiresAt = data.expiresInDays ? new Date(now.getTime() + data.expiresInDays * DAY_MS) : null;
  const [row] = await db()
    .insert(apiTokens)
    .values({ tenantId: user.tenantId, userId: user.id, tokenHash: digest(token), name: data.name ?? null, expiresAt })
    .returning({ id: apiTokens.id });
  return { token, id: row.id, expiresAt: expiresAt?.toISOString() ?? null };
}

/** API-3 `token create`: the token is returned once and only its hash is kept (T-5). */
export async function createToken(email: string, input: TokenCreateInput = {}, now = new Date()): Promise<{ token: string; id: string; expiresAt: string | null }> {
  const user = await findUserByEmail(email);
  if (!user) throw new NotFoundError('User');
  return insertToken(user, input, now);
}

/** The portal: a token acting as the signed-in user, shown once. */
export async function createOwnToken(actor: Actor, input: TokenCreateInput, now: Date) {
  return insertToken({ id: actor.userId, tenantId: actor.tenantId }, input, now);
}

const view = (row: { id: string; name: string | null; createdAt: Date; lastUsedAt: Date | null; expiresAt: Date | null }): TokenView => ({
  id: row.id,
  ...(row.name ? { name: row.name } : {}),
  createdAt: row.createdAt.toISOString(),
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  expiresAt: row.expiresAt?.toISOString() ?? null,
});

const tokenColumns = { id: apiTokens.id, name: apiTokens.name, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt, expiresAt: apiTokens.expiresAt };

/** API-3 `token list --email`: the user's tokens, expired ones included (they show as expired). */
export async function listTokensByEmail(email: string): Promise<{ tokens: TokenView[] }> {
  const user = await findUserByEmail(email);
  if (!user) throw new NotFoundError('User');
  const rows = await db().select(tokenColumns).from(apiTokens).where(eq(apiTokens.userId, user.id)).orderBy(asc(apiTokens.createdAt));
  return { tokens: rows.map(view) };
}

/** The portal: a user sees their own tokens; a tenant admin every token of the tenant (T-1, T-3). */
export async function listTokens(actor: Actor): Promise<TokenWithOwner[]> {
  const rows = await db()
    .select({ ...tokenColumns, userId: users.id, userName: users.name, userEmail: users.email })
    .from(apiTokens)
    .innerJoin(users, and(eq(users.id, apiTokens.userId), eq(users.tenantId, apiTokens.tenantId)))
    .where(and(eq(apiTokens.tenantId, actor.tenantId), isAdmin(actor) ? undefined : eq(apiTokens.userId, actor.userId)))
    .orderBy(asc(users.name), asc(apiTokens.createdAt));
  return rows.map((row) => ({ ...view(row), user: { id: row.userId, name: row.userName, email: row.userEmail } }));
}

/** API-3 `token revoke --id`: the token stops working at once. */
export async function revokeTokenById(id: string): Promise<{ revoked: string }> {
  if (!isUuid(id)) throw new NotFoundError('Token');
  const deleted = await db().delete(apiTokens).where(eq(apiTokens.id, id)).returning({ id: apiTokens.id });
  if (deleted.length === 0) throw new NotFoundError('Token');
  return { revoked: id };
}

/** The portal: one's own token, or any of the tenant's for an admin; another tenant's answers 404 (T-1). */
export async function revokeToken(actor: Actor, id: string): Promise<void> {
  if (!isUuid(id)) throw new NotFoundError('Token');
  const deleted = await db()
    .delete(apiTokens)
    .where(and(eq(apiTokens.id, id), eq(apiTokens.tenantId, actor.tenantId), isAdmin(actor) ? undefined : eq(apiTokens.userId, actor.userId)))
    .returning({ id: apiTokens.id });
  if (deleted.length === 0) throw new NotFoundError('Token');
}

// Token and user in one prepared round trip: this runs before every API request. The user is
// re-read each time, so a removed user's token stops working at once; so does an expired token.
const actorByTokenHash = preparedOnce((database) =>
  database
    .select({ ...actorColumns, tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .innerJoin(users, and(eq(users.id, apiTokens.userId), eq(users.tenantId, apiTokens.tenantId)))
    .where(
      and(
        eq(apiTokens.tokenHash, sql.placeholder('hash')),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, sql`${sql.placeholder('now')}::timestamptz`)),
      ),
    )
    .prepare('actor_by_token_hash'),
);

/** API-1: a token acts as its user, with that user's rights. */
export async function actorForBearer(authorization: string | null, now = new Date()): Promise<Actor> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match || !match[1].startsWith(PREFIX)) throw new UnauthorizedError();
  const [found] = await actorByTokenHash().execute({ hash: digest(match[1]), now: now.toISOString() });
  if (!found) throw new UnauthorizedError();
  const { tokenId, lastUsedAt, ...actor } = found;
  if (!lastUsedAt || now.getTime() - lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) await recordUse(tokenId, now);
  return actor;
}

/** Conditional, so that parallel requests of one token write once per resolution step. */
async function recordUse(tokenId: string, now: Date): Promise<void> {
  await db()
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(apiTokens.id, tokenId),
        or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, new Date(now.getTime() - LAST_USED_RESOLUTION_MS + 1))),
      ),
    );
}
