import { beforeAll, describe, expect, it } from 'vitest';
import { GET, PATCH } from '@/app/api/v1/tenant/route';
import { tenantSchema } from '@/server/tenants/schemas';
import { useTestDatabase } from '@/test/database';
import { seedTenant, type SeededTenant } from '@/test/seed';
import { call } from './client';

useTestDatabase();

let t: SeededTenant;
beforeAll(async () => {
  t = await seedTenant('T');
});

const read = (token = t.subscriber.token) => call(GET, 'GET', '/api/v1/tenant', { token });
const patch = (body: unknown, token = t.admin.token) => call(PATCH, 'PATCH', '/api/v1/tenant', { token, body });

describe('GET /api/v1/tenant (T-2)', () => {
  it("lets a subscriber read the tenant's settings", async () => {
    const answer = await read();
    expect(answer.status).toBe(200);
    expect(tenantSchema.parse(answer.json)).toMatchObject({
      id: t.tenantId,
      name: 'Tenant T',
      timezone: 'Europe/Paris',
      language: 'fr',
      outboundRoute: null,
      dialOutPolicy: ['extension', 'national'],
      earlyJoinMinutes: 5,
      rejectAnonymous: false,
      maskCallerNumbers: true,
    });
  });

  it('answers 401 without a token', async () => {
    expect((await call(GET, 'GET', '/api/v1/tenant')).status).toBe(401);
  });
});

describe('PATCH /api/v1/tenant (T-2, A-5, D-2)', () => {
  it('changes the fields given and leaves the others', async () => {
    const answer = await patch({
      outboundRoute: 'SBC.Example.net:5061;transport=TLS',
      dialOutPolicy: ['extension', 'national', 'mobile'],
      earlyJoinMinutes: 10,
      rejectAnonymous: true,
      maskCallerNumbers: false,
      language: 'en',
    });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({
      name: 'Tenant T',
      outboundRoute: 'sbc.example.net:5061;transport=tls',
      dialOutPolicy: ['extension', 'national', 'mobile'],
      earlyJoinMinutes: 10,
      rejectAnonymous: true,
      maskCallerNumbers: false,
      language: 'en',
    });
    expect((await read()).json).toEqual(answer.json);
    expect((await patch({ outboundRoute: null })).json.outboundRoute).toBeNull();
  });

  it('is refused to a subscriber and changes nothing', async () => {
    const before = (await read()).json;
    const answer = await patch({ name: 'Taken over' }, t.subscriber.token);
    expect(answer.status).toBe(403);
    expect((await read()).json).toEqual(before);
  });

  it.each([
    ['outboundRoute', 'sbc.example.net\r\nX-Injected: 1'],
    ['outboundRoute', 'sbc.example.net?Route=<sip:evil@x>'],
    ['outboundRoute', 'sbc.example.net>'],
    ['outboundRoute', 'evil@sbc.example.net'],
    ['outboundRoute', 'sbc.example.net;transport=sctp'],
    ['outboundRoute', 'sbc.example.net:99999'],
    ['name', 'Acme\nBcc: x@example.test'],
    ['name', ''],
    ['timezone', 'Mars/Olympus'],
    ['language', 'nl'],
    ['dialOutPolicy', ['satellite']],
    ['earlyJoinMinutes', 61],
    ['rejectAnonymous', 'yes'],
    ['maskCallerNumbers', 1],
    ['sipDomain', 'other.example.com'],
    ['portalNumbers', ['+33999999999']],
  ])('names %s when it is refused (%j) and changes nothing', async (field, value) => {
    const before = (await read()).json;
    const answer = await patch({ earlyJoinMinutes: 7, [field]: value });
    expect(answer.status).toBe(400);
    expect(answer.contentType).toBe('application/problem+json');
    expect(answer.json.errors.map((e: { field: string }) => e.field.split('.')[0])).toEqual([field]);
    expect((await read()).json).toEqual(before);
  });
});
