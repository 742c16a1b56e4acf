import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The operator CLI (API-3), on the same DATA_DIR as the web server, prints one JSON object. */
async function cli(...args: string[]): Promise<Record<string, string>> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'server/cli/main.ts', '--json', ...args], {
    env: { ...process.env, DATA_DIR: '.data-e2e' },
  });
  const answer = JSON.parse(stdout.trim().split('\n').pop() ?? '{}');
  if (answer.error) throw new Error(`cli ${args.slice(0, 2).join(' ')}: ${JSON.stringify(answer.error)}`);
  return answer;
}

/**
 * A fresh tenant per run, with unique emails, domain and portal number so runs never collide:
 * its admin, a new subscriber who books rooms, and a colleague whose extension can be invited.
 */
export default async function globalSetup() {
  const run = Date.now().toString(36);
  const digits = String(Date.now()).slice(-9);
  const password = 'e2e-password-1';
  const { tenantId } = await cli(
    'tenant', 'create', '--name', `E2E ${run}`, '--portal-number', `+331${digits}`, '--sip-domain', `e2e${run}.pbx.example.com`,
    '--timezone', 'Europe/Paris', '--admin-email', `admin-${run}@e2e.example.com`, '--admin-password', password, '--admin-name', 'Ada Admin',
  );
  await cli('user', 'create', '--tenant-id', tenantId, '--email', `sam-${run}@e2e.example.com`, '--password', password, '--role', 'subscriber', '--name', 'Sam Subscriber', '--extension', '201');
  await cli('user', 'create', '--tenant-id', tenantId, '--email', `bernard-${run}@e2e.example.com`, '--password', password, '--role', 'subscriber', '--name', 'Bernard Dupont', '--extension', '202');
  process.env.E2E_PASSWORD = password;
  process.env.E2E_ADMIN_EMAIL = `admin-${run}@e2e.example.com`;
  process.env.E2E_USER_EMAIL = `sam-${run}@e2e.example.com`;
  process.env.E2E_COLLEAGUE_EMAIL = `bernard-${run}@e2e.example.com`;
  process.env.E2E_RUN = run;
  process.env.E2E_TENANT_ID = tenantId;
}
