import { beforeAll, describe, expect, it } from 'vitest';
import { createDirectoryEntry, createExtension } from '@/server/directory/service';
import { db } from '@/server/db/client';
import { sql } from 'drizzle-orm';
import { useTestDatabase } from '@/test/database';
import { seedTenant, type SeededTenant } from '@/test/seed';
import { searchMemberCandidates } from './search';

useTestDatabase();

let t: SeededTenant;
let other: SeededTenant;
beforeAll(async () => {
  t = await seedTenant('Search');
  other = await seedTenant('Elsewhere');
  await createExtension(t.admin.actor, { number: '310', name: 'Hélène Lefèvre', email: 'helene.lefevre@acme.example.com' });
  await createExtension(t.admin.actor, { number: '311', name: 'Ørjan Ærø', email: null });
  await createDirectoryEntry(t.admin.actor, { name: 'Jean-Michel Dupont', number: '+33612345678', email: 'jm.dupont@partner.example.com' });
  await createDirectoryEntry(t.admin.actor, { name: 'Greta Berlin', number: '0049301234567', email: null });
  await createExtension(other.admin.actor, { number: '310', name: 'Hélène Autre', email: 'helene@other.example.com' });
});

const names = async (q: string) => (await searchMemberCandidates(t.admin.actor, q)).map((c) => c.name);

describe('member search (M-1, issue 12 #9)', () => {
  it.each([
    ['Helene', 'Hélène Lefèvre'],
    ['HÉLÈNE', 'Hélène Lefèvre'],
    ['lefevre', 'Hélène Lefèvre'],
    ['hel lef', 'Hélène Lefèvre'],
    ['jean-michel', 'Jean-Michel Dupont'],
    ['DUPONT', 'Jean-Michel Dupont'],
  ])('finds a name whatever its accents and case: %j', async (q, name) => {
    expect(await names(q)).toContain(name);
  });

  it.each(['0612', '06 12 34', '06.12.34.56.78', '+33 6 12', '33612', '0033612'])('finds +33 6 12 34 56 78 typed as %j', async (q) => {
    expect(await names(q)).toEqual(['Jean-Michel Dupont']);
  });

  it('finds a number stored with 00 in its own national form, and in its international one', async () => {
    expect(await names('030 1234')).toEqual(['Greta Berlin']);
    expect(await names('+49 30 12')).toEqual(['Greta Berlin']);
  });

  it.each(['dupont@', 'partner.example', 'JM.DUPONT', 'lefevre@acme'])('finds a contact by a part of its email: %j', async (q) => {
    expect((await names(q)).length).toBe(1);
  });

  it('finds an extension by its number, and every word must match', async () => {
    expect(await names('310')).toEqual(['Hélène Lefèvre']);
    expect(await names('helene dupont')).toEqual([]);
  });

  it("never finds another tenant's entries (T-1)", async () => {
    expect(await names('autre')).toEqual([]);
    expect(await names('other.example.com')).toEqual([]);
  });

  it('takes % and _ as themselves', async () => {
    expect(await names('%')).toEqual([]);
    expect(await names('_')).toEqual([]);
  });

  it('is answered by PostgreSQL with the trigram indexes (not by loading the directory)', async () => {
    await db().execute(sql`set enable_seqscan = off`);
    const plan = await db().execute(sql`explain select id from directory_entries where search_text(name) like search_text('%dupont%')`);
    await db().execute(sql`set enable_seqscan = on`);
    expect(JSON.stringify(plan)).toContain('directory_search_name');
  });
});
