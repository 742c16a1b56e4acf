import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { GET as openApiRoute } from '@/app/api/v1/openapi.json/route';
import { POST as createRoom } from '@/app/api/v1/rooms/route';
import { POST as addMember } from '@/app/api/v1/rooms/[id]/members/route';
import { openApiDocument } from '@/server/api/openapi';
import { useTestDatabase } from '@/test/database';
import { apiRouteFiles, HTTP_METHODS, type ApiRouteFile } from '@/test/routes';
import { seedTenant, type SeededTenant } from '@/test/seed';
import { call } from './client';

useTestDatabase();

type Json = Record<string, unknown>;
const doc = openApiDocument() as unknown as {
  openapi: string;
  info: Json;
  paths: Record<string, Record<string, Json>>;
  components: { schemas: Record<string, Json>; securitySchemes: Json };
};

/** The essentials of an OpenAPI 3.1 document; no validator package is installed, so the shape is checked here. */
const operationShape = z.object({
  operationId: z.string().min(1),
  parameters: z.array(z.object({ name: z.string(), in: z.enum(['path', 'query', 'header', 'cookie']), schema: z.object({}).loose() })).optional(),
  requestBody: z.object({ content: z.record(z.string(), z.object({ schema: z.object({}).loose() })) }).optional(),
  responses: z.record(z.string().regex(/^[1-5]\d\d$/), z.object({ description: z.string(), content: z.record(z.string(), z.object({}).loose()).optional() })),
  security: z.array(z.record(z.string(), z.array(z.string()))).optional(),
});
const documentShape = z.object({
  openapi: z.string().regex(/^3\.1\.\d+$/),
  info: z.object({ title: z.string().min(1), version: z.string().min(1) }).loose(),
  paths: z.record(z.string().regex(/^\//), z.partialRecord(z.enum(['get', 'post', 'put', 'patch', 'delete']), operationShape)),
  components: z.object({ schemas: z.record(z.string(), z.object({}).loose()), securitySchemes: z.record(z.string(), z.object({ type: z.string() }).loose()) }).loose(),
  security: z.array(z.record(z.string(), z.array(z.string()))),
});

function refsIn(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(refsIn);
  if (node && typeof node === 'object')
    return Object.entries(node).flatMap(([key, value]) => (key === '$ref' && typeof value === 'string' ? [value] : refsIn(value)));
  return [];
}

/** The documented JSON Schema with component references inlined, turned back into a validator by Zod. */
function documentedSchema(component: string): z.ZodType {
  const inline = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(inline);
    if (!node || typeof node !== 'object') return node;
    const ref = (node as Json).$ref;
    if (typeof ref === 'string') return inline(doc.components.schemas[ref.replace('#/components/schemas/', '')]);
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, inline(v)]));
  };
  return z.fromJSONSchema(inline(doc.components.schemas[component]) as Parameters<typeof z.fromJSONSchema>[0]);
}

describe('the OpenAPI document (API-2)', () => {
  let routes: ApiRouteFile[];
  beforeAll(async () => {
    routes = await apiRouteFiles();
  });

  it('has the shape of OpenAPI 3.1', () => {
    expect(() => documentShape.parse(doc)).not.toThrow();
    const ids = Object.values(doc.paths).flatMap((item) => Object.values(item).map((op) => op.operationId));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('resolves every $ref to a component', () => {
    for (const ref of refsIn(doc)) {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      expect(doc.components.schemas[ref.split('/').pop()!], ref).toBeDefined();
    }
  });

  it('declares each path parameter of each path', () => {
    for (const [p, item] of Object.entries(doc.paths)) {
      const names = [...p.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      for (const op of Object.values(item)) {
        const declared = ((op.parameters ?? []) as { name: string; in: string }[]).filter((x) => x.in === 'path').map((x) => x.name).sort();
        expect(declared, `${p} ${String(op.operationId)}`).toEqual(names);
      }
    }
  });

  it('documents every method of every route file under app/api/v1, and nothing else', () => {
    const files = routes.filter((r) => !r.catchAll).flatMap((r) => r.methods.map((m) => `${m} ${r.openApiPath}`)).sort();
    const documented = Object.entries(doc.paths)
      .filter(([p]) => p.startsWith('/api/v1/'))
      .flatMap(([p, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${p}`))
      .sort();
    expect(files.length).toBeGreaterThan(0);
    expect(documented).toEqual(files);
    for (const r of routes) for (const m of HTTP_METHODS) if (!r.methods.includes(m)) expect(r.module[m]).toBeUndefined();
  });

  it('documents GET /api/health', () => {
    expect(doc.paths['/api/health']?.get).toBeDefined();
  });

  it('is served at /api/v1/openapi.json without a token', async () => {
    const answer = await call(openApiRoute, 'GET', '/api/v1/openapi.json');
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual(JSON.parse(JSON.stringify(doc)));
  });
});

describe('answers match the documented response schemas', () => {
  let t: SeededTenant;
  beforeAll(async () => {
    t = await seedTenant('O');
  });

  it('a created room validates against the documented Room schema', async () => {
    const answer = await call(createRoom, 'POST', '/api/v1/rooms', {
      token: t.admin.token,
      body: { roomNumber: '777', name: 'Documented', startsAt: '2030-01-01T10:00:00+01:00', durationMinutes: 15, description: null },
    });
    expect(answer.status).toBe(201);
    const room = documentedSchema('Room');
    expect(room.safeParse(answer.json).success).toBe(true);
    // The documented schema is strict enough to notice a missing or extra field.
    expect(room.safeParse({ ...answer.json, window: undefined }).success).toBe(false);
    expect(room.safeParse({ ...answer.json, secret: 1 }).success).toBe(false);
  });

  it('a member validates against the documented Member schema', async () => {
    const id = t.roomIds[0];
    const answer = await call(addMember, 'POST', `/api/v1/rooms/${id}/members`, { token: t.admin.token, params: { id }, body: { source: 'name', name: 'Doc' } });
    expect(answer.status).toBe(201);
    expect(documentedSchema('Member').safeParse(answer.json).success).toBe(true);
  });

  it('a problem validates against the documented Problem schema', async () => {
    const answer = await call(createRoom, 'POST', '/api/v1/rooms', { token: t.admin.token, body: {} });
    expect(answer.status).toBe(400);
    expect(documentedSchema('Problem').safeParse(answer.json).success).toBe(true);
  });
});
