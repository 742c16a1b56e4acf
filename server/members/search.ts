import { and, asc, eq, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Actor } from '@/server/auth/actor';
import { db } from '@/server/db/client';
import { directoryEntries, extensions } from '@/server/db/schema';

export interface MemberCandidate {
  source: 'extension' | 'directory';
  /** The extension number, or the directory entry id. */
  ref: string;
  name: string;
  email: string | null;
  number: string | null;
}

const MAX_WORDS = 5;
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
const containing = (text: string) => `%${escapeLike(text)}%`;

interface Searched {
  name: SQLWrapper;
  email: SQLWrapper;
  phone: SQLWrapper;
}

const nameContains = (word: string, columns: Searched) => sql`search_text(${columns.name}) like search_text(${containing(word)})`;

/**
 * One typed word matches a name whatever its accents and case, a part of an email, or a part of a
 * number however it is written ("0612" finds +33 6 12…); several words ("hel lef") each match the
 * name. The functions and their trigram indexes come from migration 0008_search_sql.
 */
function matches(words: string[], columns: Searched): SQL {
  if (words.length > 1) return and(...words.map((word) => nameContains(word, columns)))!;
  const [word] = words;
  const digits = word.replace(/\D/g, '');
  return or(
    nameContains(word, columns),
    sql`lower(${columns.email}) like ${containing(word.toLowerCase())}`,
    digits.length > 0 ? sql`${columns.phone} like ${containing(digits)}` : undefined,
  )!;
}

/** "06 12 34", "+33 (0)6-12", "0033 6 12": a number typed with its usual separators is one word, its digits (00 read as +). */
const PHONE_LIKE = /^\+?[\d\s.()/-]+$/;
const typedWords = (q: string) => (PHONE_LIKE.test(q) ? [q.replace(/^00/, '').replace(/\D/g, '')] : q.split(/\s+/).slice(0, MAX_WORDS));

/** M-1: typing part of a name, an email or a number finds extensions and directory entries of the actor's tenant. */
export async function searchMemberCandidates(actor: Actor, text: string): Promise<MemberCandidate[]> {
  const q = text.trim();
  if (q.length < 1 || q.length > 100) return [];
  const words = typedWords(q).filter(Boolean);
  if (words.length === 0) return [];
  const extensionMatch = matches(words, { name: extensions.name, email: extensions.email, phone: extensions.number });
  const directoryMatch = matches(words, { name: directoryEntries.name, email: directoryEntries.email, phone: sql`search_phone(${directoryEntries.number})` });
  const [exts, entries] = await Promise.all([
    db()
      .select()
      .from(extensions)
      .where(and(eq(extensions.tenantId, actor.tenantId), extensionMatch))
      .orderBy(asc(extensions.name))
      .limit(10),
    db()
      .select()
      .from(directoryEntries)
      .where(and(eq(directoryEntries.tenantId, actor.tenantId), directoryMatch))
      .orderBy(asc(directoryEntries.name))
      .limit(10),
  ]);
  return [
    ...exts.map((e) => ({ source: 'extension' as const, ref: e.number, name: e.name, email: e.email, number: e.number })),
    ...entries.map((d) => ({ source: 'directory' as const, ref: d.id, name: d.name, email: d.email, number: d.number })),
  ];
}
