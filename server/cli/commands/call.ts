import type { Command } from 'commander';
import { systemClock } from '@/server/lib/clock';
import { ValidationError } from '@/server/lib/errors';
import { collect, print } from '../output';

type SimulatedCall = Awaited<ReturnType<typeof import('@/sip/telephony/sim/simulate-call').simulateCall>>;
type ScriptResult = Awaited<ReturnType<typeof import('@/sip/telephony/sim/simulate-script').simulateScript>>;

const SINGLE_CALL_OPTIONS = ['to', 'from', 'fromDomain', 'dtmf', 'answer', 'at'] as const;

export function register(program: Command): void {
  const call = program.command('call').description('telephony (API-3)');
  call
    .command('simulate')
    .description('run calls through the real call flows on the simulated engine; shows what callers hear and why one is refused')
    .option('--to <number>', 'dialled number: a portal number, *72 or *71*N1*N2…')
    .option('--from <caller>', 'caller number or extension ("anonymous" for a hidden caller)')
    .option('--from-domain <domain>', "SIP domain of the caller (a tenant's domain for *72 and *71*)")
    .option('--dtmf <keys>', 'keys the caller types, e.g. "4711#123456#"')
    .option('--answer <number=result>', 'how a dialled number answers: answered, busy or no-answer (repeatable)', collect)
    .option('--at <iso>', 'the instant of the call (ISO 8601 with offset); now by default')
    .option('--script <file>', 'a JSON file of several callers with join, key and hang-up times (see docs/telephony.md); replaces the options above')
    .action(async (opts, command: Command) => {
      // Loaded here so that other commands do not pay for the telephony modules.
      if (opts.script !== undefined) {
        const mixed = SINGLE_CALL_OPTIONS.filter((name) => opts[name] !== undefined);
        if (mixed.length > 0) throw new ValidationError([{ field: 'script', code: 'script.exclusive' }]);
        const { simulateScriptFile } = await import('@/sip/telephony/sim/simulate-script');
        const result = await simulateScriptFile(opts.script, systemClock());
        return print(command, result, () => scriptReport(result));
      }
      const { simulateCall } = await import('@/sip/telephony/sim/simulate-call');
      const result = await simulateCall(
        { to: opts.to, from: opts.from, fromDomain: opts.fromDomain, dtmf: opts.dtmf, answer: opts.answer, at: opts.at },
        systemClock(),
      );
      const json = JSON.parse(JSON.stringify(result));
      print(command, json, () => humanReport(result));
    });
  registerLiveSimulator(call);
}

/** How long `call place` waits for the menu and the admission (three tries of room number and PIN at most). */
const PLACE_TIMEOUT_MS = 120_000;
const REQUEST_TIMEOUT_MS = 10_000;

/**
 * Issue 10 contract: callers of a running sip process on the simulated engine (SIP_ENGINE=simulated),
 * through the database. They stay until `call hangup`, a kick or the end of their conference.
 */
function registerLiveSimulator(call: Command): void {
  const send = async (kind: 'place' | 'keys' | 'talk' | 'hangup' | 'heard', args: Record<string, unknown>, callId?: string, sipInstance?: string) => {
    const { requestSimulatedCall } = await import('@/server/live/simulated-calls');
    return requestSimulatedCall({ kind, callId, args, sipInstance }, { now: systemClock(), timeoutMs: kind === 'place' ? PLACE_TIMEOUT_MS : REQUEST_TIMEOUT_MS });
  };
  const callIdOf = (value: unknown): string => {
    if (typeof value !== 'string' || !/^sim-[0-9a-f-]{36}$/.test(value)) throw new ValidationError([{ field: 'callId', code: 'field.invalid' }]);
    return value;
  };

  call
    .command('place')
    .description('a simulated caller dials in to the running simulated sip process and stays (prints callId, decision, conferenceId, participantId)')
    .requiredOption('--to <number>', 'dialled number: a portal number')
    .requiredOption('--from <caller>', 'caller number or extension ("anonymous" for a hidden caller)')
    .option('--from-domain <domain>', "SIP domain of the caller (the tenant's domain for its extensions)")
    .option('--dtmf <keys>', 'keys typed in the menu, e.g. "4711#123456#"')
    .option('--sip-instance <id>', 'the simulated sip process that takes the call (SIP_INSTANCE_ID) when several run; any of them otherwise')
    .action(async (opts, command: Command) => {
      const { placeCallSchema } = await import('@/sip/telephony/sim/live-callers');
      const { parseInput } = await import('@/server/lib/validation');
      const args = parseInput(placeCallSchema, { to: opts.to, from: opts.from, fromDomain: opts.fromDomain, dtmf: opts.dtmf });
      if (opts.sipInstance !== undefined && !/^\S{1,200}$/.test(opts.sipInstance)) throw new ValidationError([{ field: 'sipInstance', code: 'field.invalid' }]);
      const answer = await send('place', args, undefined, opts.sipInstance);
      // In the contract's order (the stored answer is jsonb, which keeps its own key order).
      const result = Object.fromEntries(['callId', 'decision', 'reason', 'conferenceId', 'participantId'].filter((k) => answer[k] !== undefined).map((k) => [k, answer[k]]));
      print(command, result, () => Object.entries(result).map(([k, v]) => `${k}: ${String(v)}`).join('\n'));
    });

  call
    .command('keys')
    .description('the simulated caller types keys in its conference, e.g. "*2"')
    .requiredOption('--call-id <id>', 'as printed by call place')
    .requiredOption('--keys <keys>', 'keys to type')
    .action(async (opts, command: Command) => {
      if (!/^[0-9*#]{1,40}$/.test(opts.keys)) throw new ValidationError([{ field: 'keys', code: 'field.invalid' }]);
      const result = await send('keys', { keys: opts.keys }, callIdOf(opts.callId));
      print(command, result, () => `keys typed (${String(result.state)})`);
    });

  call
    .command('talk')
    .description("starts or stops the simulated caller's voice (the live page shows who talks)")
    .requiredOption('--call-id <id>', 'as printed by call place')
    .option('--on', 'starts talking')
    .option('--off', 'stops talking')
    .action(async (opts, command: Command) => {
      if (Boolean(opts.on) === Boolean(opts.off)) throw new ValidationError([{ field: 'on', code: 'field.invalid' }]);
      const result = await send('talk', { on: Boolean(opts.on) }, callIdOf(opts.callId));
      print(command, result, () => (result.muted ? 'muted: nobody hears it' : result.talking ? 'talking' : 'silent'));
    });

  call
    .command('hangup')
    .description('the simulated caller hangs up')
    .requiredOption('--call-id <id>', 'as printed by call place')
    .action(async (opts, command: Command) => {
      const result = await send('hangup', {}, callIdOf(opts.callId));
      print(command, result, () => 'hung up');
    });

  call
    .command('heard')
    .description('the prompts the simulated caller heard so far, and where it is (menu, conference, ended)')
    .requiredOption('--call-id <id>', 'as printed by call place')
    .action(async (opts, command: Command) => {
      const result = await send('heard', {}, callIdOf(opts.callId));
      print(command, result, () => `${String(result.state)}\nprompts: ${(result.prompts as string[]).join(', ') || '(none)'}`);
    });
}

function humanReport(result: SimulatedCall): string {
  const lines = [`${result.decision}${result.reason ? ` (${result.reason})` : ''}`, `prompts: ${result.prompts.join(', ') || '(none)'}`];
  if (result.conferenceId) lines.push(`conference: ${result.conferenceId}`);
  for (const d of result.dialOut ?? []) lines.push(`dial-out ${d.number}: ${d.result}`);
  return lines.join('\n');
}

function scriptReport(result: ScriptResult): string {
  const calls = result.calls.map((call, i) => {
    const how = [call.decision + (call.reason ? ` (${call.reason})` : ''), call.role, call.muted === undefined ? undefined : call.muted ? 'muted' : 'unmuted'];
    return `call ${i + 1}: ${how.filter(Boolean).join(', ')}\n  prompts: ${call.prompts.join(', ') || '(none)'}`;
  });
  const conferences = result.conferences.map((c) => `conference ${c.id}: ${c.locked ? 'locked' : 'unlocked'}, ended ${c.endedReason ?? '(not ended)'}`);
  return [...calls, ...conferences].join('\n');
}
