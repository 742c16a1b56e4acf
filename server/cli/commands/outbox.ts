import type { Command } from 'commander';
import { listOutbox, showOutboxMessage } from '@/server/mail/outbox-read';
import { print } from '../output';

export function register(program: Command): void {
  const outbox = program.command('outbox').description('emails kept in the database when no RESEND_API_KEY is set (E-6)');
  outbox
    .command('list')
    .description('list the stored emails, newest first')
    .action(async (_opts, command: Command) => {
      const result = await listOutbox();
      print(command, result, () =>
        result.items.length === 0
          ? 'the outbox is empty'
          : result.items.map((m) => `${m.id}  ${m.createdAt}  ${m.kind.padEnd(12)}  ${m.to}  ${m.subject}`).join('\n'),
      );
    });
  outbox
    .command('show')
    .description('print one stored email with its text, HTML and attachments')
    .argument('<id>', 'the id printed by outbox list')
    .action(async (id: string, _opts, command: Command) => {
      const message = await showOutboxMessage(id);
      print(command, message, () =>
        [
          `To: ${message.to}`,
          `Subject: ${message.subject}`,
          `Kind: ${message.kind}`,
          '',
          message.text,
          ...message.attachments.map((a) => `\n--- ${a.filename} (${a.contentType})\n${a.content}`),
        ].join('\n'),
      );
    });
}
