import { expect } from 'vitest';
import type { ActionResult } from '@/server/actions/define';
import type { ActionKey } from '@/server/actions';
import type { MemberCandidate } from '@/server/members/service';
import { toneWav } from '@/test/audio';
import type { IsolationTenants } from '@/test/isolation-routes.table';
import type { SeededTenant } from '@/test/seed';

/**
 * One attempt of tenant B (as its admin) on tenant A's data through one server action, with the
 * input the portal's form would send. The harness runs
 * `executeAction(actions[key], b.admin.actor, input, now)` and checks that tenant A's rows are
 * unchanged (tenantSnapshot) whatever the answer.
 */
export interface ActionCase {
  what: string;
  input: Record<string, unknown>;
  /** Default 404 (`ok: false, status: 404`, like a missing id: T-1); 200 means `ok: true`. */
  status?: number;
  check?: (result: ActionResult<unknown>) => void;
}

export type ActionRow = (tenants: { a: IsolationTenants['a']; b: SeededTenant }) => ActionCase[];

/** A start typed in the tenant's zone, as the room form sends it. */
const roomForm = { name: 'Taken over', startsAt: '2031-03-01T10:00', durationMinutes: '30', pin: '4321', moderatorPin: '', description: '' };

/** Keyed by the registry (server/actions); `app/**\/actions.ts` exports one function per key. */
export const actionRows: Record<ActionKey, ActionRow> = {
  createRoom: () => [
    {
      what: "books A's room number, which is free in B (a conflict would reveal A's room)",
      input: { ...roomForm, roomNumber: '3001' },
      status: 200,
    },
  ],
  updateRoom: ({ a }) => [
    { what: "renames A's room", input: { ...roomForm, roomId: a.roomIds[0], roomNumber: '1001' } },
    { what: "reschedules A's subscriber's room", input: { ...roomForm, roomId: a.roomIds[1], roomNumber: '1002' } },
  ],
  deleteRoom: ({ a }) => [{ what: "deletes A's room", input: { roomId: a.roomIds[0] } }],
  duplicateRoom: ({ a }) => [{ what: "copies A's room and its members", input: { roomId: a.roomIds[0] } }],
  sendInvitations: ({ a }) => [{ what: "sends the invitations of A's room", input: { roomId: a.roomIds[0] } }],
  addMember: ({ a, b }) => [
    { what: "adds a free name to A's room", input: { roomId: a.roomIds[0], source: 'name', name: 'Spy', email: '' } },
    {
      what: "adds A's directory entry to B's own room (refused like an unknown entry)",
      input: { roomId: b.roomIds[0], source: 'directory', ref: a.directoryEntryId, name: '', email: '' },
      status: 400,
      check: (result) => {
        expect(result).toMatchObject({ ok: false, fieldErrors: { directoryEntryId: 'directoryEntry.unknown' } });
      },
    },
  ],
  removeMember: ({ a, b }) => [
    { what: "removes a member of A's room", input: { roomId: a.roomIds[0], memberId: a.memberIds[0] } },
    { what: "removes A's member through B's own room", input: { roomId: b.roomIds[0], memberId: a.memberIds[1] } },
  ],
  replaceMember: ({ a, b }) => [
    { what: "changes a member of A's room", input: { roomId: a.roomIds[0], memberId: a.memberIds[2], name: 'Spy', email: '' } },
    { what: "changes A's member through B's own room", input: { roomId: b.roomIds[0], memberId: a.memberIds[2], name: 'Spy', email: '' } },
  ],
  searchMemberCandidates: ({ a }) => [
    {
      what: "searches for A's subscriber, whose extension only A has",
      input: { q: a.subscriber.actor.name },
      status: 200,
      check: (result) => {
        expect(result).toEqual({ ok: true, data: [] });
      },
    },
    {
      what: "searches a word every directory entry has and finds none of A's",
      input: { q: 'Contact' },
      status: 200,
      check: (result) => {
        const refs = result.ok ? (result.data as MemberCandidate[]).map((c) => c.ref) : [];
        expect(refs).not.toContain(a.directoryEntryId);
      },
    },
  ],
  createExtension: () => [{ what: 'adds an extension to B only', input: { number: '299', name: 'New desk', email: '' }, status: 200 }],
  deleteExtension: ({ a }) => [
    { what: "deletes A's extension", input: { id: a.extensionId } },
    { what: "deletes A's extension, moving its holder to a new one", input: { id: a.extensionId, onHeld: 'reassign', reassignTo: '777' } },
  ],
  createDirectoryEntry: () => [
    { what: 'adds a directory entry to B only', input: { name: 'New contact', number: '+33199999999', email: '' }, status: 200 },
  ],
  deleteDirectoryEntry: ({ a }) => [{ what: "deletes A's directory entry", input: { id: a.directoryEntryId } }],
  createUser: () => [
    {
      what: 'adds a user to B only',
      input: { email: `new-${Date.now()}@isolation.example.com`, password: 'long enough', role: 'subscriber', name: 'New user', extension: '' },
      status: 200,
    },
  ],
  deleteUser: ({ a }) => [
    { what: "removes A's subscriber", input: { id: a.subscriber.actor.userId } },
    { what: "removes A's admin", input: { id: a.admin.actor.userId } },
  ],
  updateUser: ({ a }) => [
    { what: "renames A's subscriber", input: { id: a.subscriber.actor.userId, name: 'Taken over', email: 'spy@isolation.example.com', role: 'admin', extension: '' } },
    { what: "gives A's admin B's extension", input: { id: a.admin.actor.userId, name: 'Taken over', email: 'spy2@isolation.example.com', role: 'subscriber', extension: '202' } },
  ],
  sendPasswordLink: ({ a }) => [{ what: "sends A's subscriber a password link", input: { id: a.subscriber.actor.userId } }],
  previewImport: () => [
    {
      what: "previews a file of A's users' emails: taken, in the same neutral words as any taken email",
      input: { kind: 'users', csv: 'email,name\nnew-preview@isolation.example.com,New' },
      status: 200,
    },
  ],
  runImport: () => [
    { what: 'imports directory entries into B only', input: { kind: 'directory', csv: 'name,number\nImported,+33188888888', mode: 'all' }, status: 200 },
  ],
  createApiToken: () => [{ what: 'creates a token acting as B only', input: { name: 'B script', expiresInDays: '7' }, status: 200 }],
  revokeApiToken: ({ a }) => [{ what: "revokes A's admin's token", input: { id: a.admin.tokenId } }],
  conferenceAction: ({ a }) => [
    { what: "locks A's conference", input: { conferenceId: a.conferenceId, action: 'lock' } },
    { what: "kicks A's participant", input: { conferenceId: a.conferenceId, action: 'kick', participantId: a.conferenceId } },
  ],
  createRoomLink: ({ a }) => [{ what: "makes a control link for A's room", input: { roomId: a.roomIds[0], kind: 'control' } }],
  deleteRoomLink: ({ a }) => [{ what: "deletes the tracking link of A's room", input: { roomId: a.roomIds[1], kind: 'tracking' } }],
  createWebhook: () => [{ what: 'registers an endpoint of its own', input: { url: 'https://93.184.216.34/hooks/b-form', events: ['participant.joined', 'participant.left'] }, status: 200 }],
  deleteWebhook: ({ a }) => [{ what: "removes A's webhook endpoint", input: { id: a.webhookId } }],
  setLocale: () => [{ what: "changes B's own language only", input: { locale: 'en' }, status: 200 }],
  updateTenantSettings: () => [
    {
      what: "changes B's own settings only",
      input: {
        name: 'Tenant B renamed',
        timezone: 'Europe/Berlin',
        language: 'en',
        sipDomain: `b${Date.now()}.pbx.example.com`,
        portalNumbers: `+3319${String(Date.now()).slice(-7)}`,
        outboundRoute: '',
        earlyJoinMinutes: '10',
        anonymousCallers: 'reject',
        dialOutClasses: ['extension', 'national'],
      },
      status: 200,
    },
  ],
  uploadAnnouncement: () => [
    {
      what: "replaces B's own welcome announcement, never A's",
      input: { file: new File([toneWav({ seconds: 1, rate: 8000, channels: 1 })], 'welcome.wav', { type: 'audio/wav' }) },
      status: 200,
    },
  ],
  deleteRecording: ({ a }) => [{ what: "deletes A's recording", input: { id: a.recordingId } }],
  deleteAnnouncement: () => [{ what: "deletes B's own welcome announcement, never A's", input: {}, status: 200 }],
};
