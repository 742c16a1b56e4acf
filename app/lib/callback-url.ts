/**
 * Issue 12.7: after signing in, the user lands on the page they asked for. Only a path of this
 * site is accepted (an open redirect would let a link to our sign-in page send people elsewhere):
 * it starts with one `/`, not `//` or `/\` (which browsers read as another host), has no control
 * characters, and is not the sign-in page or the API.
 */
export function safeCallbackPath(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 2000) return null;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return null;
  let parsed: URL;
  try {
    parsed = new URL(value, 'http://portal.invalid');
  } catch {
    return null;
  }
  if (parsed.origin !== 'http://portal.invalid') return null;
  if (parsed.pathname === '/sign-in' || parsed.pathname.startsWith('/api/')) return null;
  return parsed.pathname + parsed.search + parsed.hash;
}

/** The sign-in page, told where to return: nothing to say when that is the rooms list anyway. */
export function signInPath(requested: string | null | undefined): string {
  const path = safeCallbackPath(requested);
  return path && path !== '/rooms' && path !== '/' ? `/sign-in?callbackUrl=${encodeURIComponent(path)}` : '/sign-in';
}
