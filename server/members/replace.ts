import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '@/server/auth/actor';
import { db } from '@/server/db/client';
import { members } from '@/server/db/schema';
import { NotFoundError } from '@/server/lib/errors';
import { nameSchema, parseInput } from '@/server/lib/validation';
import { assertCanManage, findRoom } from '@/server/rooms/service';
import { emailSchema } from '@/server/tenants/schemas';
import { assertReachable, toMemberView, type MemberView } from './service';

const memberChangesSchema = z.object({
  name: nameSchema,
  email: z.preprocess((v) => (v === '' ? null : v), emailSchema.nullish()),
  sendEmail: z.boolean().default(false),
});
export type MemberChanges = z.input<typeof memberChangesSchema>;

/**
 * M-2: changing a member is a delete and an add, done at once so a refused change loses nothing.
 * The new member keeps where the old one came from (extension or directory entry); being a new
 * member, it gets the invitation the next time invitations are sent (M-5).
 */
export async function replaceMember(actor: Actor, roomId: string, memberId: string, changes: MemberChanges): Promise<MemberView> {
  const data = parseInput(memberChangesSchema, changes);
  assertReachable(data.sendEmail, data.email);
  return db().transaction(async (tx) => {
    const room = await findRoom(actor, roomId, tx);
    assertCanManage(actor, room);
    if (!/^[0-9a-f-]{36}$/i.test(memberId)) throw new NotFoundError('Member');
    const [old] = await tx
      .delete(members)
      .where(and(eq(members.id, memberId), eq(members.roomId, room.id), eq(members.tenantId, actor.tenantId)))
      .returning();
    if (!old) throw new NotFoundError('Member');
    const [added] = await tx
      .insert(members)
      .values({
        tenantId: actor.tenantId,
        roomId: room.id,
        source: old.source,
        extensionId: old.extensionId,
        directoryEntryId: old.directoryEntryId,
        extension: old.extension,
        name: data.name,
        email: data.email ?? null,
        sendEmail: data.sendEmail,
      })
      .returning();
    return toMemberView(added);
  });
}
