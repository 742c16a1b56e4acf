import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { isAdmin, type Actor } from '@/server/auth/actor';
import { db } from '@/server/db/client';
import { isUniqueViolation } from '@/server/db/errors';
import { directoryEntries, extensions, users } from '@/server/db/schema';
import { directoryEntryCreateSchema } from '@/server/directory/schemas';
import { ConflictError, ForbiddenError, ValidationError, type FieldIssue } from '@/server/lib/errors';
import { logger } from '@/server/lib/logger';
import { fieldIssues, nameSchema, parseInput } from '@/server/lib/validation';
import { mailTransportFromEnv } from '@/server/mail/from-env';
import type { MailTransport } from '@/server/mail/transport';
import { emailSchema } from '@/server/tenants/schemas';
import { sendWelcomeLink } from '@/server/users/password-links';
import { extensionNumberSchema } from '@/server/users/schemas';
import { giveExtension } from '@/server/users/service';
import { readCsv, type CsvLine } from './csv';

/**
 * Issue 12: directory entries and users from a CSV file. A preview says, line by line, what is
 * wrong; nothing is written while a line is wrong unless the admin asks for the valid lines only,
 * and then the valid lines are written together or not at all.
 */
export const IMPORT_KINDS = ['directory', 'users'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const importSchema = z.object({
  kind: z.enum(IMPORT_KINDS, 'import.kind'),
  csv: z.string('import.empty'),
  // preview: nothing is written; all: every line or nothing; valid: the valid lines only.
  mode: z.enum(['preview', 'all', 'valid'], 'import.mode').default('preview'),
});
export type ImportInput = z.input<typeof importSchema>;

export interface PreviewLine {
  line: number;
  values: Record<string, string>;
  errors: FieldIssue[];
}

export interface ImportPreview {
  kind: ImportKind;
  lines: PreviewLine[];
  valid: number;
  invalid: number;
}

export interface ImportResult {
  imported: number;
  skipped: number;
  /** Users only: welcome emails with a link to choose a password (72 hours) that the transport took. */
  linksSent?: number;
}

/** Column names as spreadsheets name them, without case, accents or punctuation. */
const COLUMNS: Record<ImportKind, { aliases: Record<string, string>; required: string[] }> = {
  directory: {
    aliases: { name: 'name', nom: 'name', number: 'number', numero: 'number', phone: 'number', telephone: 'number', tel: 'number', email: 'email', mail: 'email', courriel: 'email' },
    required: ['name'],
  },
  users: {
    aliases: { email: 'email', mail: 'email', courriel: 'email', name: 'name', nom: 'name', role: 'role', extension: 'extension', poste: 'extension' },
    required: ['email'],
  },
};

const ROLE_WORDS: Record<string, 'admin' | 'subscriber'> = { admin: 'admin', administrateur: 'admin', administrator: 'admin', subscriber: 'subscriber', abonne: 'subscriber', '': 'subscriber' };
const plain = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();

const userLineSchema = z.object({
  email: emailSchema,
  name: z.preprocess((v) => (v === '' ? undefined : v), nameSchema.optional()),
  // No role column, or an empty cell: a subscriber.
  role: z.preprocess((v) => (v === undefined || typeof v === 'string' ? (ROLE_WORDS[plain(v ?? '')] ?? v) : v), z.enum(['admin', 'subscriber'], 'role.choice')),
  extension: z.preprocess((v) => (v === '' ? undefined : v), extensionNumberSchema.optional()),
});
const directoryLineSchema = directoryEntryCreateSchema;

function checked<T extends z.ZodType>(schema: T, line: CsvLine): { data?: z.output<T>; errors: FieldIssue[] } {
  if (line.badLength) return { errors: [{ field: 'line', code: 'import.cells' }] };
  const result = schema.safeParse(line.values);
  return result.success ? { data: result.data, errors: [] } : { errors: fieldIssues(result.error) };
}

type Checked<T> = PreviewLine & { data?: T };

async function checkDirectory(actor: Actor, lines: CsvLine[]): Promise<Checked<z.output<typeof directoryLineSchema>>[]> {
  const existing = await db().select({ number: directoryEntries.number, email: directoryEntries.email }).from(directoryEntries).where(eq(directoryEntries.tenantId, actor.tenantId));
  // Importing the same file twice adds nothing twice: an entry is the same when its number (or, without one, its email) is.
  const seen = new Set(existing.map((e) => e.number ?? e.email).filter(Boolean));
  return lines.map((line) => {
    const { data, errors } = checked(directoryLineSchema, line);
    const key = data ? (data.number ?? data.email) : null;
    if (data && key && seen.has(key)) errors.push({ field: data.number ? 'number' : 'email', code: 'directoryEntry.duplicate' });
    if (key) seen.add(key);
    return { line: line.line, values: line.values, errors, data: errors.length ? undefined : data };
  });
}

async function checkUsers(actor: Actor, lines: CsvLine[]): Promise<Checked<z.output<typeof userLineSchema>>[]> {
  const parsed = lines.map((line) => ({ line, ...checked(userLineSchema, line) }));
  const emails = parsed.flatMap((p) => (p.data ? [p.data.email] : []));
  const numbers = parsed.flatMap((p) => (p.data?.extension ? [p.data.extension] : []));
  // Emails are global sign-in identities: one taken anywhere is refused with the same neutral words.
  const taken = new Set(emails.length ? (await db().select({ email: users.email }).from(users).where(inArray(users.email, emails))).map((u) => u.email) : []);
  const held = new Set(
    numbers.length
      ? (await db().select({ number: extensions.number, userId: extensions.userId }).from(extensions).where(and(eq(extensions.tenantId, actor.tenantId), inArray(extensions.number, numbers))))
          .filter((e) => e.userId)
          .map((e) => e.number)
      : [],
  );
  const seenEmails = new Set<string>();
  const seenNumbers = new Set<string>();
  return parsed.map(({ line, data, errors }) => {
    if (data) {
      if (taken.has(data.email)) errors.push({ field: 'email', code: 'email.taken' });
      else if (seenEmails.has(data.email)) errors.push({ field: 'email', code: 'import.duplicate' });
      if (data.extension && held.has(data.extension)) errors.push({ field: 'extension', code: 'extension.held' });
      else if (data.extension && seenNumbers.has(data.extension)) errors.push({ field: 'extension', code: 'import.duplicate' });
      seenEmails.add(data.email);
      if (data.extension) seenNumbers.add(data.extension);
    }
    return { line: line.line, values: line.values, errors, data: errors.length ? undefined : data };
  });
}

async function check(actor: Actor, kind: ImportKind, csv: string) {
  const lines = readCsv(csv, COLUMNS[kind].aliases, COLUMNS[kind].required);
  return kind === 'directory' ? checkDirectory(actor, lines) : checkUsers(actor, lines);
}

const summary = (kind: ImportKind, checkedLines: PreviewLine[]): ImportPreview => {
  const lines = checkedLines.map(({ line, values, errors }) => ({ line, values, errors }));
  const invalid = lines.filter((l) => l.errors.length > 0).length;
  return { kind, lines, valid: lines.length - invalid, invalid };
};

/** What an import would do, line by line; writes nothing. */
export async function previewImport(actor: Actor, input: ImportInput): Promise<ImportPreview> {
  if (!isAdmin(actor)) throw new ForbiddenError('Only a tenant admin may import');
  const { kind, csv } = parseInput(importSchema, input);
  return summary(kind, await check(actor, kind, csv));
}

/**
 * Writes the import in one transaction: every line (refused, naming each wrong line's fields as
 * `lines.<line>.<field>`, while one is wrong), or the valid lines only. Imported users have no
 * password until they choose one through the welcome link they are sent.
 */
export async function runImport(actor: Actor, input: ImportInput, now: Date, transport: MailTransport = mailTransportFromEnv()): Promise<ImportPreview | ImportResult> {
  if (!isAdmin(actor)) throw new ForbiddenError('Only a tenant admin may import');
  const { kind, csv, mode } = parseInput(importSchema, input);
  if (mode === 'preview') return previewImport(actor, { kind, csv });
  const lines = await check(actor, kind, csv);
  const wrong = lines.filter((l) => l.errors.length > 0);
  if (mode === 'all' && wrong.length > 0)
    throw new ValidationError(wrong.flatMap((l) => l.errors.map((e) => ({ field: `lines.${l.line}.${e.field}`, code: e.code }))));
  const skipped = wrong.length;
  if (kind === 'directory') {
    const rows = lines.flatMap((l) => (l.data ? [{ ...(l.data as z.output<typeof directoryLineSchema>), tenantId: actor.tenantId }] : []));
    if (rows.length) await db().insert(directoryEntries).values(rows);
    return { imported: rows.length, skipped };
  }
  const valid = lines.flatMap((l) => (l.data ? [l.data as z.output<typeof userLineSchema>] : []));
  let created: { userId: string; tenantId: string; email: string; name: string; locale: null }[];
  try {
    created = await db().transaction(async (tx) => {
      if (valid.length === 0) return [];
      const named = valid.map((u) => ({ ...u, name: u.name ?? u.email.split('@')[0] }));
      // No password yet: no hash of anything is '!', so nobody signs in until the welcome link is used.
      const rows = await tx
        .insert(users)
        .values(named.map((u) => ({ tenantId: actor.tenantId, email: u.email, name: u.name, role: u.role, passwordHash: '!' })))
        .returning({ id: users.id, email: users.email });
      const idOf = new Map(rows.map((r) => [r.email, r.id]));
      for (const u of named) if (u.extension) await giveExtension(tx, actor.tenantId, { id: idOf.get(u.email)!, name: u.name, email: u.email }, u.extension, 'extension');
      return named.map((u) => ({ userId: idOf.get(u.email)!, tenantId: actor.tenantId, email: u.email, name: u.name, locale: null }));
    });
  } catch (error) {
    // Taken between the check and the write, by someone else: nothing was written.
    if (isUniqueViolation(error, 'users_email_unique')) throw new ConflictError({ field: 'csv', code: 'email.taken' }, 'An email of the file cannot be used');
    throw error;
  }
  // A few at a time: each link is a row, a rendered email and a transport request.
  let linksSent = 0;
  const queue = [...created];
  const lane = async () => {
    for (let user = queue.shift(); user; user = queue.shift()) {
      const sent = await sendWelcomeLink(user, now, transport).catch((error: unknown) => {
        logger.warn({ userId: user.userId, error: String(error) }, 'welcome link not sent');
        return false;
      });
      if (sent) linksSent++;
    }
  };
  await Promise.all(Array.from({ length: 4 }, lane));
  return { imported: created.length, skipped, linksSent };
}
