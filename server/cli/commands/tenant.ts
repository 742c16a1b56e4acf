import type { Command } from 'commander';
import { createTenant } from '@/server/tenants/service';
import { collect, print } from '../output';

export function register(program: Command): void {
  const tenant = program.command('tenant').description('tenants (T-2, T-3)');
  tenant
    .command('create')
    .description('create a tenant and its first admin')
    .requiredOption('--name <name>', 'company name')
    .requiredOption('--portal-number <e164>', 'portal number in E.164 (repeat for several)', collect)
    .requiredOption('--sip-domain <domain>', 'SIP domain of the tenant extensions')
    .option('--timezone <zone>', 'IANA time zone', 'Europe/Paris')
    .option('--language <lang>', 'fr, en, de, es or it', 'fr')
    .requiredOption('--admin-email <email>', 'first admin email')
    .requiredOption('--admin-password <password>', 'first admin password (8+ characters)')
    .option('--admin-name <name>', 'first admin display name')
    .action(async (opts, command: Command) => {
      const result = await createTenant({
        name: opts.name,
        portalNumbers: opts.portalNumber,
        sipDomain: opts.sipDomain,
        timezone: opts.timezone,
        language: opts.language,
        adminEmail: opts.adminEmail,
        adminPassword: opts.adminPassword,
        adminName: opts.adminName,
      });
      print(command, result, () => `tenant ${result.tenantId} created; admin user ${result.adminUserId}`);
    });
}
