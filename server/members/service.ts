import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '@/server/auth/actor';
import { db } from '@/server/db/client';
import { directoryEntries, extensions, members, type Member } from '@/server/db/schema';
import { NotFoundError, ValidationError } from '@/server/lib/errors';
import { isUuid } from '@/server/lib/ids';
import { lockRoom } from '@/server/notifications/room-lock';
import { assertRoomHasSpace } from './capacity';
import { parseInput } from '@/server/lib/validation';
import { assertCanManage, findRoom } from '@/server/rooms/service';
import { memberCreateSchema, memberSchema, type MemberCreateInput } from './schemas';

export type MemberView = z.output<typeof memberSchema>;

export function toMemberView(m: Member): MemberView {
  return {
    id: m.id,
    source: m.source,
    ...(m.extension ? { extension: m.extension } : {}),
    name: m.name,
    ...(m.email ? { email: m.email } : {}),
    sendEmail: m.sendEmail,
  };
}

export async function listMembers(actor: Actor, roomId: string): Promise<MemberView[]> {
  const room = await findRoom(actor, roomId);
  const rows = await db()
    .select()
    .from(members)
    .where(and(eq(members.roomId, room.id), eq(members.tenantId, actor.tenantId)))
    .orderBy(asc(members.createdAt), asc(members.name));
  return rows.map(toMemberView);
}

/** Fills name and email from the extension or directory entry the member comes from. */
async function resolveSource(actor: Actor, input: ReturnType<typeof memberCreateSchema.parse>) {
  if (input.source === 'extension') {
    const [ext] = await db()
      .select()
      .from(extensions)
      .where(and(eq(extensions.tenantId, actor.tenantId), eq(extensions.number, input.extension)));
    if (!ext) throw new ValidationError([{ field: 'extension', code: 'extension.unknown' }]);
    return { extensionId: ext.id, extension: ext.number, name: input.name ?? ext.name, email: input.email ?? ext.email };
  }
  if (input.source === 'directory') {
    const [entry] = await db()
      .select()
      .from(directoryEntries)
      .where(and(eq(directoryEntries.tenantId, actor.tenantId), eq(directoryEntries.id, input.directoryEntryId)));
    if (!entry) throw new ValidationError([{ field: 'directoryEntryId', code: 'directoryEntry.unknown' }]);
    return { directoryEntryId: entry.id, name: input.name ?? entry.name, email: input.email ?? entry.email };
  }
  return { name: input.name, email: input.email ?? null };
}

/** M-3: "send emails" is a promise to email the member, so it needs an address (given or from the source). */
export function assertReachable(sendEmail: boolean, email: string | null | undefined): void {
  if (sendEmail && !email) throw new ValidationError([{ field: 'email', code: 'email.requiredToSend' }]);
}

export async function addMember(actor: Actor, roomId: string, input: MemberCreateInput): Promise<MemberView> {
  const data = parseInput(memberCreateSchema, input);
  const room = await findRoom(actor, roomId);
  assertCanManage(actor, room);
  const resolved = await resolveSource(actor, data);
  assertReachable(data.sendEmail, resolved.email);
  return db().transaction(async (tx) => {
    await lockRoom(tx, actor, room.id);
    await assertRoomHasSpace(tx, actor.tenantId, room.id);
    const [row] = await tx
      .insert(members)
      .values({ ...resolved, tenantId: actor.tenantId, roomId: room.id, source: data.source, sendEmail: data.sendEmail })
      .returning();
    return toMemberView(row);
  });
}

export async function removeMember(actor: Actor, roomId: string, memberId: string): Promise<void> {
  const room = await findRoom(actor, roomId);
  assertCanManage(actor, room);
  if (!isUuid(memberId)) throw new NotFoundError('Member');
  const removed = await db()
    .delete(members)
    .where(and(eq(members.id, memberId), eq(members.roomId, room.id), eq(members.tenantId, actor.tenantId)))
    .returning({ id: members.id });
  if (removed.length === 0) throw new NotFoundError('Member');
}

export { searchMemberCandidates, type MemberCandidate } from './search';
