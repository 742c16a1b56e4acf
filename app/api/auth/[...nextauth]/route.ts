import type { NextRequest } from 'next/server';
import { handlers } from '@/auth';
import { problem } from '@/server/api/problem';
import { throttleKeys } from '@/server/auth/sign-in';
import { currentGate } from '@/server/auth/sign-in-throttle';
import { CLIENT_ADDRESS_HEADER } from '@/server/web/edge';

export const { GET } = handlers;

/**
 * next-auth's own endpoints. A throttled credentials sign-in (issue 13) would come back as a
 * redirect to the sign-in page; an HTTP client gets what the contract says instead: 429
 * problem+json with Retry-After.
 */
export async function POST(request: NextRequest): Promise<Response> {
  const form = request.clone();
  const response = await handlers.POST(request);
  if (!(await throttledSignIn(response))) return response;
  const fields = await form.formData().catch(() => new FormData());
  const gate = await currentGate(throttleKeys(String(fields.get('email') ?? ''), request.headers.get(CLIENT_ADDRESS_HEADER) ?? 'unknown'), new Date());
  const retryAfter = gate.allowed ? 1 : gate.retryAfterSeconds;
  const answer = problem(429, `Too many failed sign-ins for this account from this address: try again in ${Math.ceil(retryAfter / 60)} minutes`);
  answer.headers.set('retry-after', String(retryAfter));
  return answer;
}

/** The error page's address, as a redirect or (X-Auth-Return-Redirect) as JSON, says `code=throttled`. */
async function throttledSignIn(response: Response): Promise<boolean> {
  let location = response.headers.get('location');
  if (!location && response.headers.get('content-type')?.includes('application/json'))
    location = ((await response.clone().json().catch(() => null)) as { url?: string } | null)?.url ?? null;
  return location !== null && new URL(location, 'http://localhost').searchParams.get('code') === 'throttled';
}
