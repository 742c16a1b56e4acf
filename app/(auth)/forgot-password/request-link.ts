'use server';

import { headers } from 'next/headers';
import { after } from 'next/server';
import { z } from 'zod';
import { logger } from '@/server/lib/logger';
import { emailSchema } from '@/server/tenants/schemas';
import { requestPasswordLink, reserveForgotRequest } from '@/server/users/password-links';
import { CLIENT_ADDRESS_HEADER } from '@/server/web/edge';

/*
 * Before there is an Actor, like signing in, so not an action of the registry. The answer is the
 * same whether an account has the email or not, and comes before the account is even looked up:
 * the lookup, the link and the email run after the response (`after`), so its timing tells nothing.
 */
const forgotSchema = z.object({ email: emailSchema });

export type ForgotState = { sent: boolean; email: string; error?: string; retryAfterMinutes?: number } | null;

export async function requestLink(_prev: ForgotState, formData: FormData): Promise<ForgotState> {
  const typed = String(formData.get('email') ?? '').slice(0, 320);
  const parsed = forgotSchema.safeParse({ email: typed });
  if (!parsed.success) return { sent: false, email: typed, error: 'email.format' };
  const now = new Date();
  const gate = await reserveForgotRequest((await headers()).get(CLIENT_ADDRESS_HEADER) ?? 'unknown', now);
  if (!gate.allowed) return { sent: false, email: typed, retryAfterMinutes: Math.ceil(gate.retryAfterSeconds / 60) };
  after(() => requestPasswordLink(parsed.data.email, now).catch((error: unknown) => logger.error({ err: error }, 'forgot-password request failed')));
  return { sent: true, email: parsed.data.email };
}
