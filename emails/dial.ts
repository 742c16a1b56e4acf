/** What the caller types after dialling: the portal number, pauses, the room number and PIN with their `#`. */
function dialSteps(portalNumber: string, roomNumber: string, pin: string | null): string {
  return [portalNumber, `${roomNumber}#`, ...(pin ? [`${pin}#`] : [])].join(',,');
}

/**
 * The one-tap dial link conference services put in invitations: each comma is a pause of about
 * two seconds, long enough for the portal's prompt, then the digits the portal asks for.
 * `#` is escaped because a bare `#` in a URI starts a fragment (RFC 3966), and dialers drop it.
 */
export function oneTapDialUri(portalNumber: string, roomNumber: string, pin: string | null): string {
  return `tel:${dialSteps(portalNumber, roomNumber, pin).replaceAll('#', '%23')}`;
}

/** The same sequence as a person reads it (and as a phone recognises it in text): never `%23`. */
export function readableDialSequence(portalNumber: string, roomNumber: string, pin: string | null): string {
  return dialSteps(portalNumber, roomNumber, pin);
}
