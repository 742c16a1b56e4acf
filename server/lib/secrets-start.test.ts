import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** Runs an entry point as its own process and returns how it ended and what it said. */
function runProcess(entry: string, args: string[], env: Record<string, string | undefined>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], { env: { ...process.env, LOG_LEVEL: 'info', ...env } });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('exit', (code) => (clearTimeout(timer), resolve({ code, output })));
  });
}

// The value docker/.env.example used to carry: a session forged with it opened the admin pages.
const PLACEHOLDER = 'change-me-to-32-random-bytes';

describe('processes refuse to start with a placeholder secret (issue 13)', () => {
  it('the web process exits non-zero naming AUTH_SECRET', async () => {
    const { code, output } = await runProcess('server/web/main.ts', [], { AUTH_SECRET: PLACEHOLDER, PORT: '39411' });
    expect(code).not.toBe(0);
    expect(output).toMatch(/AUTH_SECRET is a known placeholder/);
    expect(output).not.toMatch(/web listening/);
  });

  it('the web process exits non-zero when AUTH_SECRET is shorter than 32 bytes', async () => {
    const { code, output } = await runProcess('server/web/main.ts', [], { AUTH_SECRET: 'Zr8#kQ2!vL5@', PORT: '39412' });
    expect(code).not.toBe(0);
    expect(output).toMatch(/AUTH_SECRET is shorter than 32 bytes/);
  });

  it('`npm start` (the launcher) exits non-zero naming AUTH_SECRET before starting anything', async () => {
    const { code, output } = await runProcess('server/start.ts', ['--web-only'], { AUTH_SECRET: PLACEHOLDER, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(code).not.toBe(0);
    expect(output).toMatch(/AUTH_SECRET is a known placeholder/);
  });

  it('the sip process with telephony on exits non-zero naming the vendor-default FreeSWITCH secret', async () => {
    const { code, output } = await runProcess('sip/main.ts', [], {
      DRACHTIO_HOST: '127.0.0.1',
      FREESWITCH_HOST: '127.0.0.1',
      DRACHTIO_SECRET: 'Qm9vdHN0cmFwLWRyYWNodGlvLXNlY3JldC0xMjM0',
      FREESWITCH_SECRET: 'ClueCon',
    });
    expect(code).not.toBe(0);
    expect(output).toMatch(/FREESWITCH_SECRET is a known placeholder/);
  });
});
