import type { Command } from 'commander';
import { createToken, listTokensByEmail, revokeTokenById } from '@/server/users/tokens';
import { print } from '../output';

export function register(program: Command): void {
  const token = program.command('token').description('API tokens (API-1, T-5)');

  token
    .command('create')
    .description('create an API token acting as the user; shown once')
    .requiredOption('--email <email>', 'the user the token acts as')
    .option('--name <name>', 'what the token is for, shown in lists')
    .option('--expires-in-days <n>', 'the token stops working after this many days (default: never)')
    .action(async (opts, command: Command) => {
      const result = await createToken(opts.email, { name: opts.name, expiresInDays: opts.expiresInDays });
      print(command, result, () => `${result.token}\n(store it now: it is not shown again)${result.expiresAt ? `\nexpires ${result.expiresAt}` : ''}`);
    });

  token
    .command('list')
    .description("a user's tokens (never the tokens themselves)")
    .requiredOption('--email <email>', 'the user')
    .action(async (opts, command: Command) => {
      const result = await listTokensByEmail(opts.email);
      print(command, result, () =>
        result.tokens.length === 0
          ? 'no tokens'
          : result.tokens
              .map((t) => `${t.id}  ${t.name ?? '-'}  created ${t.createdAt}  last used ${t.lastUsedAt ?? 'never'}  expires ${t.expiresAt ?? 'never'}`)
              .join('\n'),
      );
    });

  token
    .command('revoke')
    .description('revoke a token: it stops working at once')
    .requiredOption('--id <id>', 'the token id (from token list)')
    .action(async (opts, command: Command) => {
      const result = await revokeTokenById(opts.id);
      print(command, result, () => `token ${result.revoked} revoked`);
    });
}
