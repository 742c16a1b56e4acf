import { createHash, randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '@/server/auth/actor';
import { db } from '@/server/db/client';
import { roomLinks, rooms, tenants, type LinkKind } from '@/server/db/schema';
import { env } from '@/server/lib/env';
import { NotFoundError } from '@/server/lib/errors';
import { parseInput } from '@/server/lib/validation';
import { assertCanManage, findRoom } from '@/server/rooms/service';

/**
 * L-3: a public tracking URL (read-only live view) and a control URL (live view and the L-2
 * actions) per room. The token is 256 random bits shown once; only its SHA-256 is stored, like
 * API tokens (T-5). Posting again replaces the hash, so the old URL is dead at once; pages open
 * on it hear LINKS_CHANNEL and close their stream saying so.
 */
export const LINKS_CHANNEL = 'room_links';

/** The API names the kinds as users read them; the table keeps its shorter `track`. */
export const API_LINK_KINDS = ['tracking', 'control'] as const;
export type ApiLinkKind = (typeof API_LINK_KINDS)[number];
const toStored = (kind: ApiLinkKind): LinkKind => (kind === 'tracking' ? 'track' : 'control');
export const toApiKind = (kind: LinkKind): ApiLinkKind => (kind === 'track' ? 'tracking' : 'control');

export const roomLinkInputSchema = z.object({ kind: z.enum(API_LINK_KINDS, 'link.kind') });
export const roomLinkKindSchema = roomLinkInputSchema.shape.kind;
export type RoomLinkInput = z.input<typeof roomLinkInputSchema>;

export const roomLinkSchema = z.object({ kind: z.enum(API_LINK_KINDS), url: z.url() }).meta({ id: 'RoomLink' });
export type RoomLinkView = z.output<typeof roomLinkSchema>;

const digest = (token: string) => createHash('sha256').update(token).digest('hex');
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export const linkUrl = (token: string) => new URL(`/l/${token}`, env().APP_URL).toString();

/** Creates or regenerates the room's link of that kind; organizer and admins only (T-4). */
export async function createRoomLink(actor: Actor, roomId: string, input: RoomLinkInput, now: Date): Promise<RoomLinkView> {
  // A room that is not there (or not the actor's tenant's) answers 404 whatever the body says.
  assertCanManage(actor, await findRoom(actor, roomId));
  const { kind } = parseInput(roomLinkInputSchema, input);
  const token = randomBytes(32).toString('base64url');
  await db().transaction(async (tx) => {
    assertCanManage(actor, await findRoom(actor, roomId, tx));
    const [old] = await tx
      .select({ tokenHash: roomLinks.tokenHash })
      .from(roomLinks)
      .where(and(eq(roomLinks.roomId, roomId), eq(roomLinks.kind, toStored(kind))));
    await tx
      .insert(roomLinks)
      .values({ tenantId: actor.tenantId, roomId, kind: toStored(kind), tokenHash: digest(token), createdAt: now })
      .onConflictDoUpdate({ target: [roomLinks.roomId, roomLinks.kind], set: { tokenHash: digest(token), createdAt: now } });
    if (old) await notifyRevoked(tx, old.tokenHash);
  });
  return { kind, url: linkUrl(token) };
}

/** Deletes the room's link of that kind (nothing to delete is fine); the URL answers 404 at once. */
export async function deleteRoomLink(actor: Actor, roomId: string, kind: string): Promise<void> {
  // The kind is part of the link's address: an unknown one names no link (404, like an unknown room).
  const parsed = roomLinkKindSchema.safeParse(kind);
  if (!parsed.success) throw new NotFoundError('Link');
  const stored = toStored(parsed.data);
  await db().transaction(async (tx) => {
    assertCanManage(actor, await findRoom(actor, roomId, tx));
    const deleted = await tx
      .delete(roomLinks)
      .where(and(eq(roomLinks.tenantId, actor.tenantId), eq(roomLinks.roomId, roomId), eq(roomLinks.kind, stored)))
      .returning({ tokenHash: roomLinks.tokenHash });
    for (const row of deleted) await notifyRevoked(tx, row.tokenHash);
  });
}

/** Which links a room has and since when (the URLs themselves were shown once, at creation). */
export async function roomLinkStatus(actor: Actor, roomId: string): Promise<{ kind: ApiLinkKind; createdAt: Date }[]> {
  const room = await findRoom(actor, roomId);
  const rows = await db()
    .select({ kind: roomLinks.kind, createdAt: roomLinks.createdAt })
    .from(roomLinks)
    .where(and(eq(roomLinks.tenantId, actor.tenantId), eq(roomLinks.roomId, room.id)));
  return rows.map((r) => ({ kind: toApiKind(r.kind), createdAt: r.createdAt })).sort((a, b) => a.kind.localeCompare(b.kind));
}

/** What a live token opens: one room of one tenant, read-only or with control. */
export interface ResolvedLink {
  tenantId: string;
  roomId: string;
  roomName: string;
  roomNumber: string;
  kind: ApiLinkKind;
  /** Identifies the link on streams, so that a revocation closes exactly its pages. */
  tokenHash: string;
  maskCallerNumbers: boolean;
  /** The tenant's time zone, in which the page shows times. */
  timezone: string;
}

/** A dead, malformed or unknown token is null; the caller answers 404. */
export async function resolveLink(token: string): Promise<ResolvedLink | null> {
  if (!TOKEN.test(token)) return null;
  const [row] = await db()
    .select({
      tenantId: roomLinks.tenantId,
      roomId: roomLinks.roomId,
      roomName: rooms.name,
      roomNumber: rooms.roomNumber,
      kind: roomLinks.kind,
      tokenHash: roomLinks.tokenHash,
      maskCallerNumbers: tenants.maskCallerNumbers,
      timezone: tenants.timezone,
    })
    .from(roomLinks)
    .innerJoin(rooms, and(eq(rooms.id, roomLinks.roomId), eq(rooms.tenantId, roomLinks.tenantId)))
    .innerJoin(tenants, eq(tenants.id, roomLinks.tenantId))
    .where(eq(roomLinks.tokenHash, digest(token)));
  return row ? { ...row, kind: toApiKind(row.kind) } : null;
}

/** In the transaction: listeners hear of it only once the old hash is really gone. */
async function notifyRevoked(tx: Parameters<Parameters<ReturnType<typeof db>['transaction']>[0]>[0], tokenHash: string): Promise<void> {
  await tx.execute(sql`select pg_notify(${LINKS_CHANNEL}, ${tokenHash})`);
}
