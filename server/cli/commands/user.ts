import type { Command } from 'commander';
import { createUser } from '@/server/users/service';
import { NotFoundError } from '@/server/lib/errors';
import { print } from '../output';

export function register(program: Command): void {
  program
    .command('user')
    .description('users of a tenant (T-3)')
    .command('create')
    .description('create a user')
    .requiredOption('--tenant-id <id>', 'tenant id')
    .requiredOption('--email <email>', 'sign-in email')
    .requiredOption('--password <password>', 'password (8+ characters)')
    .requiredOption('--role <role>', 'admin or subscriber')
    .option('--extension <number>', 'extension the user owns')
    .option('--name <name>', 'display name')
    .action(async (opts, command: Command) => {
      if (!/^[0-9a-f-]{36}$/i.test(opts.tenantId)) throw new NotFoundError('Tenant');
      const result = await createUser(opts.tenantId, {
        email: opts.email,
        password: opts.password,
        role: opts.role,
        extension: opts.extension,
        name: opts.name,
      });
      print(command, result, () => `user ${result.userId} created`);
    });
}
