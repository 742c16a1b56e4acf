import pino from 'pino';
import { z } from 'zod';
import { parseInput } from '@/server/lib/validation';
import type { CallOutcome } from '../../deps';
import type { CalleeBehaviour } from './engine';
import { Simulator } from './simulator';

const ANSWER = /^(\+?\d{1,20})=(answered|busy|no-answer)$/;

/** API-3 `call simulate` options; bad ones are refused naming the option, before any call runs. */
export const simulateCallSchema = z.object({
  to: z.string().trim().min(1, 'field.required').max(256, 'field.invalid'),
  from: z.string().trim().min(1, 'field.required').max(64, 'field.invalid'),
  fromDomain: z.string().trim().max(253, 'field.invalid').regex(/^[a-z0-9.-]*$/i, 'field.invalid').optional(),
  dtmf: z.string().regex(/^[0-9*#]*$/, 'field.invalid').max(200, 'field.invalid').default(''),
  answer: z.array(z.string().regex(ANSWER, 'field.invalid')).default([]),
  at: z.iso.datetime({ offset: true, error: 'field.invalid' }).optional(),
});
export type SimulateCallInput = z.input<typeof simulateCallSchema>;

export type SimulatedCall = Omit<CallOutcome, 'dialOut'> & { prompts: string[]; dialOut?: CallOutcome['dialOut'] };

/**
 * One call through the real routing and flows, on the simulated engine and the real database:
 * what a caller with these numbers and keys would hear and get, at that instant.
 */
export async function simulateCall(input: SimulateCallInput, now: Date): Promise<SimulatedCall> {
  const options = parseInput(simulateCallSchema, input);
  const answers = new Map(
    options.answer.map((a) => {
      const [, number, behaviour] = ANSWER.exec(a)!;
      return [number, behaviour as CalleeBehaviour];
    }),
  );
  const simulator = new Simulator({
    at: options.at ? new Date(options.at) : now,
    answers,
    log: pino({ level: process.env.LOG_LEVEL ?? 'silent' }, pino.destination(2)),
  });
  const anonymous = options.from.toLowerCase() === 'anonymous';
  const { outcome, sim } = await simulator.run({
    dialled: options.to,
    from: { user: options.from, host: options.fromDomain ?? (anonymous ? 'anonymous.invalid' : 'pstn.invalid') },
    dtmf: options.dtmf,
  });
  const { decision, reason, tenantId, roomId, conferenceId, dialOut } = outcome;
  return { decision, reason, prompts: sim.leg?.heard ?? [], tenantId, roomId, conferenceId, dialOut };
}
