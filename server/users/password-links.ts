import { createHash, randomBytes } from 'node:crypto';
import { and, count, eq, gt, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { emailLanguage } from '@/emails/i18n';
import { renderPasswordLinkEmail, type PasswordLinkReason } from '@/emails/password-reset';
import { isAdmin, type Actor } from '@/server/auth/actor';
import { hashPassword } from '@/server/auth/passwords';
import { db } from '@/server/db/client';
import { passwordResets, signInThrottle, tenants, users } from '@/server/db/schema';
import { SIGN_IN_LIMITS, type Gate } from '@/server/auth/sign-in-throttle';
import { ForbiddenError, NotFoundError, ValidationError } from '@/server/lib/errors';
import { env } from '@/server/lib/env';
import { isUuid } from '@/server/lib/ids';
import { logger } from '@/server/lib/logger';
import { parseInput } from '@/server/lib/validation';
import { mailTransportFromEnv } from '@/server/mail/from-env';
import type { MailTransport } from '@/server/mail/transport';
import { emailSchema, passwordSchema } from '@/server/tenants/schemas';
import { storePasswordHash } from './passwords';

/**
 * Issue 12: links to choose a password. The secret travels only in the email; the database keeps
 * its SHA-256 (like API tokens, T-5), so a copy of the database opens no account. A link works
 * once, until it expires, and any new password (through a link or not) kills the others.
 */
const LINK_HOURS: Record<PasswordLinkReason, number> = {
  // Asked by the user, who is at their mailbox now.
  forgot: 1,
  // Sent by an admin or at import: the user may read it the next working day.
  admin: 24,
  welcome: 72,
};

/** At most this many "forgot password" emails per account and hour: the form cannot flood a mailbox. */
export const FORGOT_PER_HOUR = 3;

/** "Forgot password" requests per client address in the sign-in throttle's window (15 minutes). */
export const FORGOT_PER_ADDRESS = 10;

const HOUR_MS = 3_600_000;
const PREFIX = 'cbr_';
const digest = (token: string) => createHash('sha256').update(token).digest('hex');
const log = logger.child({ module: 'password-links' });

const resetPath = (token: string) => `/reset-password/${token}`;

interface LinkTarget {
  userId: string;
  tenantId: string;
  email: string;
  name: string;
  locale: string | null;
}

const targetColumns = { userId: users.id, tenantId: users.tenantId, email: users.email, name: users.name, locale: users.locale };

/** Writes a link and emails it; the answer says whether the transport took the email. */
async function sendLink(target: LinkTarget, reason: PasswordLinkReason, now: Date, transport: MailTransport): Promise<boolean> {
  const token = PREFIX + randomBytes(32).toString('base64url');
  const validHours = LINK_HOURS[reason];
  const [row] = await db()
    .insert(passwordResets)
    .values({ tenantId: target.tenantId, userId: target.userId, tokenHash: digest(token), reason, expiresAt: new Date(now.getTime() + validHours * HOUR_MS), createdAt: now })
    .returning({ id: passwordResets.id });
  const [tenant] = await db().select({ name: tenants.name, language: tenants.language }).from(tenants).where(eq(tenants.id, target.tenantId));
  const language = target.locale === 'fr' || target.locale === 'en' ? target.locale : emailLanguage(tenant.language);
  const url = new URL(resetPath(token), env().APP_URL).toString();
  const rendered = await renderPasswordLinkEmail({ language, tenantName: tenant.name, userName: target.name, url, validHours, reason });
  const key = `password-link/${row.id}`;
  const outcome = await transport.send({
    key,
    emails: [{ idempotencyKey: key, tenantId: target.tenantId, roomId: null, kind: `password-${reason}`, to: target.email, ...rendered, attachments: [] }],
  });
  // Not retried later: the secret is not kept anywhere to send again; asking again makes a new link.
  if (!outcome.ok) log.warn({ userId: target.userId, reason, error: outcome.error }, 'password link not sent');
  return outcome.ok;
}

/**
 * "Forgot password": whatever the email, the caller learns nothing (the page answers the same
 * before this runs). A known account gets a link unless it had FORGOT_PER_HOUR in the last hour.
 */
export async function requestPasswordLink(email: unknown, now: Date, transport: MailTransport = mailTransportFromEnv()): Promise<void> {
  const parsed = emailSchema.safeParse(email);
  if (!parsed.success) return;
  const [target] = await db().select(targetColumns).from(users).where(eq(users.email, parsed.data));
  if (!target) return;
  const [recent] = await db()
    .select({ n: count() })
    .from(passwordResets)
    .where(and(eq(passwordResets.userId, target.userId), eq(passwordResets.reason, 'forgot'), gt(passwordResets.createdAt, new Date(now.getTime() - HOUR_MS))));
  if (recent.n >= FORGOT_PER_HOUR) {
    log.warn({ userId: target.userId }, 'forgot-password requests over the hourly limit; no email');
    return;
  }
  await sendLink(target, 'forgot', now, transport);
}

/**
 * Counts a "forgot password" request from a client address, before anything else: a script
 * cannot have every account of the platform mailed. The counts share the sign-in throttle's table
 * and its cleanup, under keys of their own (`forgot|<address>`), so they never touch sign-in counts.
 */
export async function reserveForgotRequest(address: string, now: Date): Promise<Gate> {
  const at = now.toISOString();
  const windowStart = new Date(now.getTime() - SIGN_IN_LIMITS.windowMs).toISOString();
  const [row] = (await db().execute(sql`
    insert into ${signInThrottle} as t (scope, key, attempts, window_started_at)
    values ('address', ${`forgot|${address.replace(/\u0000/g, '').slice(0, 200)}`}, 1, ${at}::timestamptz)
    on conflict (scope, key) do update set
      attempts = case when t.window_started_at <= ${windowStart}::timestamptz then 1 else t.attempts + 1 end,
      window_started_at = case when t.window_started_at <= ${windowStart}::timestamptz then ${at}::timestamptz else t.window_started_at end
    returning attempts, window_started_at`)) as unknown as { attempts: number; window_started_at: string | Date }[];
  if (row.attempts <= FORGOT_PER_ADDRESS) return { allowed: true };
  const until = new Date(row.window_started_at).getTime() + SIGN_IN_LIMITS.windowMs;
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((until - now.getTime()) / 1000)) };
}

/** An admin sends one of their users a link to choose a new password; the old one works until then. */
export async function sendPasswordLink(actor: Actor, userId: string, now: Date, transport: MailTransport = mailTransportFromEnv()): Promise<{ sent: boolean }> {
  if (!isAdmin(actor)) throw new ForbiddenError('Only a tenant admin may send password links');
  if (!isUuid(userId)) throw new NotFoundError('User');
  const [target] = await db().select(targetColumns).from(users).where(and(eq(users.id, userId), eq(users.tenantId, actor.tenantId)));
  if (!target) throw new NotFoundError('User');
  return { sent: await sendLink(target, 'admin', now, transport) };
}

/** The first link of a user made without a password (CSV import). */
export async function sendWelcomeLink(target: LinkTarget, now: Date, transport: MailTransport = mailTransportFromEnv()): Promise<boolean> {
  return sendLink(target, 'welcome', now, transport);
}

const usable = (token: string, now: Date) =>
  and(eq(passwordResets.tokenHash, digest(token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now));

/** The reset page shows the form only for a link that still works; reading it does not use it. */
export async function passwordLinkWorks(token: string, now: Date): Promise<boolean> {
  if (!token.startsWith(PREFIX) || token.length > 100) return false;
  const [row] = await db().select({ id: passwordResets.id }).from(passwordResets).where(usable(token, now));
  return Boolean(row);
}

/**
 * The link's new password: checked against the policy first (a refused password leaves the link
 * usable), then the link is used and the password stored in one transaction, every session of the
 * user ends and their other links die.
 */
export async function resetPasswordWithLink(token: string, password: unknown, now: Date): Promise<void> {
  const checked = parseInput(z.object({ password: passwordSchema }), { password });
  const passwordHash = await hashPassword(checked.password);
  await db().transaction(async (tx) => {
    const [used] = token.startsWith(PREFIX)
      ? await tx.update(passwordResets).set({ usedAt: now }).where(usable(token, now)).returning({ userId: passwordResets.userId, tenantId: passwordResets.tenantId })
      : [];
    if (!used) throw new ValidationError([{ field: 'token', code: 'passwordLink.invalid' }]);
    await storePasswordHash(tx, used.tenantId, used.userId, passwordHash, now);
  });
  log.info('password changed through a link');
}
