import type { Command } from 'commander';
import { ValidationError } from '@/server/lib/errors';
import type { TenantUpdateInput } from '@/server/tenants/schemas';
import { createTenant, updateTenantById } from '@/server/tenants/service';
import { collect, print } from '../output';

/** `--reject-anonymous true|false`: anything else is refused naming the field, as the API would. */
function booleanOption(field: string, value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new ValidationError([{ field, code: 'field.boolean' }]);
}

/** `--outbound-route none` (or an empty value) removes the route; ad-hoc legs then go to the SIP domain. */
const routeOption = (value: string | undefined) => (value === undefined ? undefined : value === '' || value === 'none' ? null : value);

/** The options as the PATCH body they stand for; an option left out leaves its field as it is. */
function updateInput(opts: Record<string, string | undefined>): TenantUpdateInput {
  const input: Record<string, unknown> = {
    name: opts.name,
    timezone: opts.timezone,
    language: opts.language,
    outboundRoute: routeOption(opts.outboundRoute),
    dialOutPolicy: opts.dialOutPolicy?.split(',').map((c) => c.trim()).filter(Boolean),
    earlyJoinMinutes: opts.earlyJoinMinutes,
    rejectAnonymous: booleanOption('rejectAnonymous', opts.rejectAnonymous),
    maskCallerNumbers: booleanOption('maskCallerNumbers', opts.maskCallerNumbers),
  };
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as TenantUpdateInput;
}

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
  tenant
    .command('update')
    .description("change a tenant's settings (the fields of PATCH /api/v1/tenant); prints the tenant")
    .requiredOption('--tenant-id <id>', 'tenant id')
    .option('--name <name>', 'company name')
    .option('--timezone <zone>', 'IANA time zone')
    .option('--language <lang>', 'fr, en, de, es or it')
    .option('--outbound-route <route>', 'host[:port][;transport=udp|tcp|tls], or none')
    .option('--dial-out-policy <classes>', 'comma-separated classes that may be dialled: extension,national,mobile,international,premium')
    .option('--early-join-minutes <minutes>', '0 to 60')
    .option('--reject-anonymous <boolean>', 'true or false')
    .option('--mask-caller-numbers <boolean>', 'true or false')
    .action(async (opts, command: Command) => {
      const result = await updateTenantById(opts.tenantId, updateInput(opts));
      print(command, result, () => `tenant ${result.id} updated`);
    });
}
