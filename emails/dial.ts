/**
 * The one-tap dial link conference services put in invitations: each comma is a pause of about
 * two seconds, long enough for the portal's prompt, then the digits the portal asks for.
 * `#` is escaped because a bare `#` in a URI starts a fragment (RFC 3966), and dialers drop it.
 */
export function oneTapDialUri(portalNumber: string, roomNumber: string, pin: string | null): string {
  const steps = [portalNumber, `${roomNumber}#`, ...(pin ? [`${pin}#`] : [])];
  return `tel:${steps.join(',,').replaceAll('#', '%23')}`;
}

