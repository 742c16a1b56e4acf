import type { Command } from 'commander';
import { systemClock } from '@/server/lib/clock';
import { collect, print } from '../output';

export function register(program: Command): void {
  program
    .command('call')
    .description('telephony (API-3)')
    .command('simulate')
    .description('run one call through the real call flow on the simulated engine; shows why a caller is refused')
    .requiredOption('--to <number>', 'dialled number: a portal number, *72 or *71*N1*N2…')
    .requiredOption('--from <caller>', 'caller number or extension ("anonymous" for a hidden caller)')
    .option('--from-domain <domain>', "SIP domain of the caller (a tenant's domain for *72 and *71*)")
    .option('--dtmf <keys>', 'keys the caller types, e.g. "4711#123456#"')
    .option('--answer <number=result>', 'how a dialled number answers: answered, busy or no-answer (repeatable)', collect)
    .option('--at <iso>', 'the instant of the call (ISO 8601 with offset); now by default')
    .action(async (opts, command: Command) => {
      // Loaded here so that other commands do not pay for the telephony modules.
      const { simulateCall } = await import('@/sip/telephony/sim/simulate-call');
      const result = await simulateCall(
        { to: opts.to, from: opts.from, fromDomain: opts.fromDomain, dtmf: opts.dtmf, answer: opts.answer, at: opts.at },
        systemClock(),
      );
      const json = JSON.parse(JSON.stringify(result));
      print(command, json, () => humanReport(result));
    });
}

function humanReport(result: Awaited<ReturnType<typeof import('@/sip/telephony/sim/simulate-call').simulateCall>>): string {
  const lines = [`${result.decision}${result.reason ? ` (${result.reason})` : ''}`, `prompts: ${result.prompts.join(', ') || '(none)'}`];
  if (result.conferenceId) lines.push(`conference: ${result.conferenceId}`);
  for (const d of result.dialOut ?? []) lines.push(`dial-out ${d.number}: ${d.result}`);
  return lines.join('\n');
}
