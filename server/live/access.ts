import { and, eq, isNull } from 'drizzle-orm';
import { isAdmin, type Actor } from '@/server/auth/actor';
import { db } from '@/server/db/client';
import { conferences, extensions, rooms, type Conference } from '@/server/db/schema';
import { NotFoundError } from '@/server/lib/errors';
import { isUuid } from '@/server/lib/ids';
import type { CommandBy } from './commands';
import type { ResolvedLink } from './links';

/**
 * Who looks at a live conference (L-1..L-3): a signed-in user (portal or bearer token), or the
 * holder of a room's tracking or control link, who sees that room and nothing else.
 */
export type LiveViewer = { kind: 'user'; actor: Actor; via: 'portal' | 'api' } | { kind: 'link'; link: ResolvedLink };

export interface LiveAccess {
  tenantId: string;
  conference: Conference;
  /** L-2 rights: the room's organizer, a tenant admin, a control link; every other subscriber reads. */
  canAct: boolean;
  /** L-3: public pages follow the tenant's masking choice; the tenant's own users see numbers. */
  mask: boolean;
  /** A public link: the action log names who acted by kind only. */
  isPublic: boolean;
  /** How the action log names this viewer. */
  by: CommandBy;
}

/** A conference of another tenant, or of another room for a link, is missing (404, T-1). */
export async function openLive(viewer: LiveViewer, conferenceId: string): Promise<LiveAccess> {
  if (!isUuid(conferenceId)) throw new NotFoundError('Conference');
  const tenantId = viewer.kind === 'user' ? viewer.actor.tenantId : viewer.link.tenantId;
  const [row] = await db()
    .select({ conference: conferences, organizerId: rooms.organizerId })
    .from(conferences)
    .leftJoin(rooms, and(eq(rooms.id, conferences.roomId), eq(rooms.tenantId, conferences.tenantId)))
    .where(and(eq(conferences.id, conferenceId), eq(conferences.tenantId, tenantId)));
  if (!row) throw new NotFoundError('Conference');
  if (viewer.kind === 'link') {
    if (row.conference.roomId !== viewer.link.roomId) throw new NotFoundError('Conference');
    return { tenantId, conference: row.conference, canAct: viewer.link.kind === 'control', mask: viewer.link.maskCallerNumbers, isPublic: true, by: { kind: 'link', id: viewer.link.kind } };
  }
  const { actor } = viewer;
  const canAct = isAdmin(actor) || row.organizerId === actor.userId || (await organizesAdhoc(actor, row.conference));
  return { tenantId, conference: row.conference, canAct, mask: false, isPublic: false, by: { kind: viewer.via === 'api' ? 'api' : 'user', id: actor.userId } };
}

/** An ad-hoc conference (*71*) is organized by the extension that dialled it: its user acts on it. */
async function organizesAdhoc(actor: Actor, conference: Conference): Promise<boolean> {
  if (conference.kind !== 'adhoc' || !conference.organizerExtension) return false;
  const [own] = await db()
    .select({ id: extensions.id })
    .from(extensions)
    .where(and(eq(extensions.tenantId, actor.tenantId), eq(extensions.number, conference.organizerExtension), eq(extensions.userId, actor.userId)));
  return Boolean(own);
}

/** The conference running now in the room a link opens, if any. */
export async function runningConferenceOfRoom(tenantId: string, roomId: string): Promise<string | null> {
  const [row] = await db()
    .select({ id: conferences.id })
    .from(conferences)
    .where(and(eq(conferences.tenantId, tenantId), eq(conferences.roomId, roomId), isNull(conferences.endedAt)))
    .orderBy(conferences.startedAt)
    .limit(1);
  return row?.id ?? null;
}
