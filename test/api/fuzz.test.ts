import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { POST as addMember } from '@/app/api/v1/rooms/[id]/members/route';
import { PATCH } from '@/app/api/v1/rooms/[id]/route';
import { GET as conferences } from '@/app/api/v1/conferences/route';
import { GET as list, POST } from '@/app/api/v1/rooms/route';
import { useTestDatabase } from '@/test/database';
import { apiRouteFiles } from '@/test/routes';
import { seedTenant, type SeededTenant } from '@/test/seed';
import { call } from './client';

useTestDatabase();

let t: SeededTenant;
beforeAll(async () => {
  t = await seedTenant('F');
});

/** Text with the characters storage and parsers trip on: NUL, lone surrogates, zero-width, ordinary ones. */
const text = (maxLength: number) =>
  fc.string({ unit: fc.oneof({ weight: 1, arbitrary: fc.constantFrom('\u0000', '\ud800', '\u200b', "'", '%') }, { weight: 6, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) }), maxLength });

/** Values a careless or hostile client might send in any field. */
const anyValue = fc.oneof(
  fc.jsonValue(),
  text(300),
  fc.constantFrom('', '\u0000', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59-14:00', '2026-02-29T10:00:00Z', 'NaN', '1e400', '-'.repeat(36)),
  fc.double(),
  fc.integer(),
);
const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });

/** A valid room with up to two fields replaced, so that most requests get past the first check. */
const validRoom = fc.record({
  roomNumber: digits(3, 10),
  name: text(200).filter((s) => s.trim().length > 0),
  startsAt: fc.date({ min: new Date('1970-01-02T00:00:00Z'), max: new Date('9999-12-30T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()),
  durationMinutes: fc.constantFrom(15, 30, 45, 60, 90, 120, 180, 240, 480),
  pin: fc.option(digits(4, 12)),
  description: fc.option(text(2000)),
  kind: fc.constantFrom('audio', 'ucc'),
});
const nearly = <T extends object>(valid: fc.Arbitrary<T>, fields: string[]) =>
  fc
    .tuple(valid, fc.subarray(fields, { maxLength: 2 }), anyValue, anyValue)
    .map(([value, chosen, a, b]) => ({ ...value, ...Object.fromEntries(chosen.map((f, i) => [f, i === 0 ? a : b])) }));
const nearlyValidRoom = nearly(validRoom, ['roomNumber', 'name', 'startsAt', 'durationMinutes', 'pin', 'moderatorPin', 'description', 'kind']);
const body = fc.oneof(
  { weight: 4, arbitrary: nearlyValidRoom },
  { weight: 1, arbitrary: fc.jsonValue() },
  { weight: 1, arbitrary: text(50).map((s) => `{${s}`) },
);

describe('no bad input ends in 500 (Q-5, API-1)', () => {
  it('POST /api/v1/rooms answers 201, 400 or 409', async () => {
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const answer = await call(POST, 'POST', '/api/v1/rooms', { token: t.admin.token, body: typeof b === 'string' ? b : JSON.stringify(b) });
        expect([201, 400, 409]).toContain(answer.status);
      }),
      { numRuns: 300 },
    );
  });

  it('PATCH /api/v1/rooms/{id} answers 200, 400 or 409', async () => {
    const id = t.roomIds[0];
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const answer = await call(PATCH, 'PATCH', `/api/v1/rooms/${id}`, { token: t.admin.token, params: { id }, body: JSON.stringify(b) });
        expect([200, 400, 409]).toContain(answer.status);
      }),
      { numRuns: 200 },
    );
  });

  it('POST /api/v1/rooms/{id}/members answers 201 or 400', async () => {
    const id = t.roomIds[0];
    const valid = fc.oneof(
      fc.record({ source: fc.constant('name'), name: text(200).filter((n) => n.trim().length > 0), email: fc.option(fc.emailAddress()), sendEmail: fc.boolean() }),
      fc.record({ source: fc.constant('extension'), extension: fc.constantFrom('201', '202'), name: fc.option(text(200)) }),
      fc.record({ source: fc.constant('directory'), directoryEntryId: fc.constant(t.directoryEntryId), name: fc.option(text(200)) }),
    );
    const member = nearly(valid, ['source', 'name', 'email', 'sendEmail', 'extension', 'directoryEntryId']);
    await fc.assert(
      fc.asyncProperty(fc.oneof(member, fc.jsonValue()), async (b) => {
        const answer = await call(addMember, 'POST', `/api/v1/rooms/${id}/members`, { token: t.admin.token, params: { id }, body: JSON.stringify(b) });
        expect([201, 400]).toContain(answer.status);
      }),
      { numRuns: 200 },
    );
  });

  it('every endpoint with an id in its path answers 404 for any id it does not know', async () => {
    const withIds = (await apiRouteFiles()).filter((file) => !file.catchAll && file.route.includes('['));
    // Valid for every route that reads a body, so that only the id can be wrong.
    const validBody = { source: 'name', name: 'Valid' };
    const ids = fc.oneof(text(60), fc.uuid(), fc.constantFrom('-'.repeat(36), 'f'.repeat(36), '00000000-0000-0000-0000-000000000000', '%00', '..'));
    for (const file of withIds)
      for (const method of file.methods) {
        await fc.assert(
          fc.asyncProperty(ids, async (id) => {
            const params = Object.fromEntries([...file.route.matchAll(/\[([^\]]+)\]/g)].map((m) => [m[1], id]));
            const answer = await call(file.module[method] as Parameters<typeof call>[0], method, file.route, { token: t.admin.token, params, body: method === 'GET' ? undefined : validBody });
            expect(answer.status, `${method} ${file.route} ${JSON.stringify(id)}`).toBe(404);
          }),
          { numRuns: 40 },
        );
      }
  });

  it('GET /api/v1/conferences answers 200 or 400 for any month', async () => {
    const month = fc.oneof(text(12), fc.constantFrom('2026-13', '0000-01', '9999-12', '2026-1', '2026-02-01'), fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 7)));
    await fc.assert(
      fc.asyncProperty(month, async (m) => {
        const answer = await call(conferences, 'GET', '/api/v1/conferences', { token: t.admin.token, query: { month: m } });
        expect([200, 400]).toContain(answer.status);
      }),
      { numRuns: 100 },
    );
  });

  it('GET /api/v1/rooms answers 200 or 400 for any query', async () => {
    const query = fc.dictionary(fc.constantFrom('filter', 'limit', 'cursor', 'other'), text(30));
    await fc.assert(
      fc.asyncProperty(query, async (q) => {
        const answer = await call(list, 'GET', '/api/v1/rooms', { token: t.admin.token, query: q });
        expect([200, 400]).toContain(answer.status);
      }),
      { numRuns: 200 },
    );
  });
});
