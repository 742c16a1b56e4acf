import { readFile } from 'node:fs/promises';
import pino from 'pino';
import { z } from 'zod';
import { conferenceStates, legState } from '@/server/conferences/call-states';
import { ValidationError } from '@/server/lib/errors';
import { fieldIssues } from '@/server/lib/validation';
import type { CallOutcome } from '../../deps';
import { simulateCallSchema } from './simulate-call';
import { Simulator } from './simulator';

/** A script covers a day at most: enough for any conference, small enough to stay a test. */
const MAX_SCRIPT_MS = 24 * 60 * 60_000;
const MAX_CALLS = 600;
/** A caller without `hangupAtMs` stays until the bridge ends its call, or this long after the script's last event. */
export const STAY_AFTER_LAST_EVENT_MS = 60_000;

const instantMs = z.number('field.invalid').int('field.invalid').min(0, 'field.invalid').max(MAX_SCRIPT_MS, 'field.invalid');

const scriptCallSchema = z
  .strictObject({
    to: simulateCallSchema.shape.to,
    from: simulateCallSchema.shape.from,
    fromDomain: simulateCallSchema.shape.fromDomain,
    dtmf: simulateCallSchema.shape.dtmf,
    joinAtMs: instantMs.default(0),
    keys: z
      .array(z.strictObject({ atMs: instantMs, keys: z.string('field.invalid').regex(/^[0-9*#]{1,40}$/, 'field.invalid') }), 'field.invalid')
      .max(100, 'field.invalid')
      .default([]),
    hangupAtMs: instantMs.optional(),
  })
  .refine((call) => call.hangupAtMs === undefined || call.hangupAtMs > call.joinAtMs, { message: 'script.hangupBeforeJoin', path: ['hangupAtMs'] });

/** API-3 `call simulate --script FILE` (issue 9 contract): times in ms from the script's start. */
export const callScriptSchema = z.strictObject({
  at: simulateCallSchema.shape.at,
  calls: z.array(scriptCallSchema, 'field.invalid').min(1, 'field.required').max(MAX_CALLS, 'field.invalid'),
});
export type CallScript = z.input<typeof callScriptSchema>;

export interface ScriptedCall {
  decision: CallOutcome['decision'];
  reason?: CallOutcome['reason'];
  conferenceId?: string;
  role?: 'moderator' | 'participant';
  prompts: string[];
  muted?: boolean;
}

export interface ScriptResult {
  calls: ScriptedCall[];
  conferences: { id: string; locked: boolean; endedReason?: string }[];
}

/** Reads and runs a script file; an unreadable file or bad JSON is refused naming `script`. */
export async function simulateScriptFile(file: string, now: Date): Promise<ScriptResult> {
  const text = await readFile(file, 'utf8').catch(() => {
    throw new ValidationError([{ field: 'script', code: 'script.unreadable' }]);
  });
  let script: unknown;
  try {
    script = JSON.parse(text);
  } catch {
    throw new ValidationError([{ field: 'script', code: 'script.json' }]);
  }
  return simulateScript(script, now);
}

/**
 * Several callers through the real routing and flows, on one simulated engine and the real
 * database, on virtual time: each joins at its time, types its keys inside at theirs, hangs up
 * at its time. Prints what each heard and how each call and conference ended.
 */
export async function simulateScript(input: unknown, now: Date): Promise<ScriptResult> {
  const script = parseScript(input);
  const start = script.at ? new Date(script.at) : now;
  const instant = (ms: number) => new Date(start.getTime() + ms);
  const lastEvent = Math.max(...script.calls.flatMap((c) => [c.joinAtMs, c.hangupAtMs ?? 0, ...c.keys.map((k) => k.atMs)]));
  const simulator = new Simulator({ at: start, log: pino({ level: process.env.LOG_LEVEL ?? 'silent' }, pino.destination(2)) });

  const placed = await Promise.all(
    script.calls.map(async (call) => {
      await simulator.clock.sleep(call.joinAtMs);
      const anonymous = call.from.toLowerCase() === 'anonymous';
      const { sim, outcome } = simulator.place({
        dialled: call.to,
        from: { user: call.from, host: call.fromDomain ?? (anonymous ? 'anonymous.invalid' : 'pstn.invalid') },
        dtmf: call.dtmf,
        keys: call.keys.map((k) => ({ at: instant(k.atMs), keys: k.keys })),
        hangupAt: instant(call.hangupAtMs ?? lastEvent + STAY_AFTER_LAST_EVENT_MS),
      });
      return { sim, outcome: await outcome };
    }),
  );
  await simulator.settled();

  const calls = await Promise.all(placed.map(({ sim, outcome }) => reportCall(outcome, sim.leg?.heard ?? [], sim.leg?.callId)));
  return { calls, conferences: await reportConferences(placed.map((p) => p.outcome)) };
}

function parseScript(input: unknown) {
  const result = callScriptSchema.safeParse(input);
  if (result.success) return result.data;
  // Name an unknown key by its full path (calls.0.hangup), not alone as the shared helper does.
  const issues = result.error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ field: [...issue.path, key].join('.'), code: 'field.unknown' }))
      : fieldIssues(new z.ZodError([issue])),
  );
  throw new ValidationError(issues);
}

async function reportCall(outcome: CallOutcome, prompts: string[], callId: string | undefined): Promise<ScriptedCall> {
  const { decision, reason, conferenceId, tenantId } = outcome;
  const leg = decision === 'admitted' && conferenceId && tenantId && callId ? await legState(tenantId, conferenceId, callId) : null;
  // The organizer leads its room (C-8): it prints as a moderator.
  const role: ScriptedCall['role'] = leg ? (leg.role === 'participant' ? 'participant' : 'moderator') : undefined;
  return {
    decision,
    ...(reason ? { reason } : {}),
    ...(conferenceId ? { conferenceId } : {}),
    ...(role ? { role } : {}),
    prompts,
    ...(leg ? { muted: leg.muted } : {}),
  };
}

async function reportConferences(outcomes: CallOutcome[]): Promise<ScriptResult['conferences']> {
  const seen = new Map<string, string>();
  for (const { conferenceId, tenantId } of outcomes) if (conferenceId && tenantId && !seen.has(conferenceId)) seen.set(conferenceId, tenantId);
  const rows = new Map<string, { id: string; locked: boolean; endReason: string | null }>();
  for (const tenantId of new Set(seen.values())) {
    const ids = [...seen].filter(([, t]) => t === tenantId).map(([id]) => id);
    for (const row of await conferenceStates(tenantId, ids)) rows.set(row.id, row);
  }
  return [...seen.keys()].flatMap((id) => {
    const row = rows.get(id);
    return row ? [{ id, locked: row.locked, ...(row.endReason ? { endedReason: row.endReason } : {}) }] : [];
  });
}
