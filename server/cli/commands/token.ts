import type { Command } from 'commander';
import { createToken } from '@/server/users/tokens';
import { print } from '../output';

export function register(program: Command): void {
  program
    .command('token')
    .description('API tokens (API-1, T-5)')
    .command('create')
    .description('create an API token acting as the user; shown once')
    .requiredOption('--email <email>', 'the user the token acts as')
    .action(async (opts, command: Command) => {
      const result = await createToken(opts.email);
      print(command, result, () => `${result.token}\n(store it now: it is not shown again)`);
    });
}
