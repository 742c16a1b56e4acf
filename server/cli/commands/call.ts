import type { Command } from 'commander';
import { systemClock } from '@/server/lib/clock';
import { ValidationError } from '@/server/lib/errors';
import { collect, print } from '../output';

type SimulatedCall = Awaited<ReturnType<typeof import('@/sip/telephony/sim/simulate-call').simulateCall>>;
type ScriptResult = Awaited<ReturnType<typeof import('@/sip/telephony/sim/simulate-script').simulateScript>>;

const SINGLE_CALL_OPTIONS = ['to', 'from', 'fromDomain', 'dtmf', 'answer', 'at'] as const;

export function register(program: Command): void {
  program
    .command('call')
    .description('telephony (API-3)')
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
