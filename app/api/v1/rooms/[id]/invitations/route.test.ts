import { beforeAll, describe, expect, it } from 'vitest';
import { invitationsSentSchema } from '@/server/notifications/openapi';
import { call } from '@/test/api/client';
import { useTestDatabase } from '@/test/database';
import { seedTenant, type SeededTenant } from '@/test/seed';
import { POST } from './route';

useTestDatabase();

let acme: SeededTenant;
let other: SeededTenant;
const path = (id: string) => `/api/v1/rooms/${id}/invitations`;
const post = (id: string, token: string | null) => call(POST, 'POST', path(id), { token, params: { id } });

beforeAll(async () => {
  acme = await seedTenant('Acme');
  other = await seedTenant('Other');
});

describe('POST /api/v1/rooms/{id}/invitations (API-2, M-3, M-5)', () => {
  it('invites the members with "send emails" on, once', async () => {
    const [roomId] = acme.roomIds;
    const first = await post(roomId, acme.admin.token);
    expect(first.status).toBe(200);
    expect(invitationsSentSchema.parse(first.json)).toEqual({ sent: 1 });
    expect((await post(roomId, acme.admin.token)).json).toEqual({ sent: 0 });
  });

  it('needs a token (401), and the organizer or an admin (403)', async () => {
    const [roomId] = acme.roomIds;
    expect((await post(roomId, null)).status).toBe(401);
    const refused = await post(roomId, acme.subscriber.token);
    expect(refused.status).toBe(403);
    expect(refused.contentType).toContain('application/problem+json');
  });

  it("answers 404 for another tenant's room exactly as for a missing or malformed id (T-1)", async () => {
    const answers = await Promise.all(
      [other.roomIds[0], '00000000-0000-4000-8000-000000000000', 'not-an-id'].map((id) => post(id, acme.admin.token)),
    );
    expect(answers.map((a) => a.status)).toEqual([404, 404, 404]);
    expect(new Set(answers.map((a) => a.json.detail)).size).toBe(1);
  });
});
