import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '@/server/db/client';
import { extensions, tenants } from '@/server/db/schema';
import { applyDialOutPolicy } from '@/server/dialout/number-class';
import { DomainError, ForbiddenError, ValidationError } from '@/server/lib/errors';
import { parseInput } from '@/server/lib/validation';
import { ConferenceEndedError, requestCommand, type CommandResult } from './commands';
import { openLive, type LiveViewer } from './access';
import { assertLinkMayAct } from './link-limits';

/**
 * L-2 actions from the live page, a control link or the API: checked here (rights, input, the
 * tenant's dial-out policy A-5), then done by the sip process that runs the conference
 * (server/live/commands.ts), which answers within 3 s or the request fails with 503.
 */
export const LIVE_ACTIONS = ['mute', 'unmute', 'kick', 'muteAll', 'unmuteAll', 'lock', 'unlock', 'end', 'dial', 'promote', 'demote', 'record', 'stopRecord'] as const;
export type LiveAction = (typeof LIVE_ACTIONS)[number];
const ABOUT_A_PARTICIPANT: ReadonlySet<LiveAction> = new Set(['mute', 'unmute', 'kick', 'promote', 'demote']);

export const conferenceActionSchema = z
  .object({
    action: z.enum(LIVE_ACTIONS, 'live.action'),
    participantId: z.uuid('live.participantId').optional(),
    // Digits, an optional leading + (E.164) and at most 20 digits, as A-4 allows for dial-out.
    number: z.string().trim().regex(/^\+?\d{2,20}$/, 'live.number').optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (ABOUT_A_PARTICIPANT.has(input.action) && !input.participantId) ctx.addIssue({ code: 'custom', path: ['participantId'], message: 'live.participantRequired' });
    if (input.action === 'dial' && !input.number) ctx.addIssue({ code: 'custom', path: ['number'], message: 'live.numberRequired' });
  })
  .meta({ id: 'ConferenceAction' });
export type ConferenceActionInput = z.input<typeof conferenceActionSchema>;

export const conferenceActionResultSchema = z
  .object({ result: z.enum(['ok', 'dialing', 'failed']), message: z.string().optional() })
  .meta({ id: 'ConferenceActionResult' });
export type ConferenceActionResult = z.output<typeof conferenceActionResultSchema>;

/** The participant left before the action reached them: nothing changed (API 409). */
export class ParticipantLeftError extends DomainError {
  constructor() {
    super(409, 'participantLeft', 'The participant has already left the conference');
  }
}

export async function performConferenceAction(viewer: LiveViewer, conferenceId: string, input: unknown, now: Date): Promise<ConferenceActionResult> {
  const access = await openLive(viewer, conferenceId);
  const parsed = parseInput(conferenceActionSchema, input);
  if (!access.canAct) throw new ForbiddenError('Only the organizer of the room, a tenant admin or a control link may act on this conference');
  if (access.conference.endedAt) throw new ConferenceEndedError();
  if (parsed.action === 'dial') await assertDialAllowed(access.tenantId, parsed.number!);
  if (viewer.kind === 'link') await assertLinkMayAct(access.conference.id, parsed.action, now);
  const outcome: CommandResult = await requestCommand(
    {
      tenantId: access.tenantId,
      conferenceId: access.conference.id,
      action: parsed.action,
      participantId: parsed.participantId ?? null,
      args: parsed.number ? { number: parsed.number } : {},
      by: access.by,
    },
    { now },
  );
  if (outcome.result === 'participant-left') throw new ParticipantLeftError();
  if (outcome.result === 'conference-ended') throw new ConferenceEndedError();
  return outcome.message ? { result: outcome.result, message: outcome.message } : { result: outcome.result };
}

/** the tenant's dial-out policy is checked before anything is sent to the sip process. */
async function assertDialAllowed(tenantId: string, number: string): Promise<void> {
  const [tenant] = await db().select({ classes: tenants.dialOutClasses }).from(tenants).where(eq(tenants.id, tenantId));
  const known = await db().select({ number: extensions.number }).from(extensions).where(eq(extensions.tenantId, tenantId));
  const [decision] = applyDialOutPolicy([number], tenant?.classes ?? [], new Set(known.map((e) => e.number)));
  if (!decision.allowed) throw new ValidationError([{ field: 'number', code: 'live.dialRefused' }]);
}
