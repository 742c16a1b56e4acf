import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('sip process without DRACHTIO_HOST', () => {
  it('says once that telephony is off, keeps running, and stops cleanly on SIGTERM', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'info', PROCESS_NAME: 'sip' };
    delete env.DRACHTIO_HOST;
    const child = spawn(process.execPath, ['--import', 'tsx', 'sip/main.ts'], { env });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no telephony-off line in: ${output}`)), 20_000);
      child.stdout.on('data', () => output.includes('telephony is off') && (clearTimeout(timer), resolve()));
    });
    await new Promise((r) => setTimeout(r, 1500));
    expect(child.exitCode).toBeNull();
    expect(output.match(/telephony is off/g)).toHaveLength(1);
    expect(output).toMatch(/DRACHTIO_HOST/);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
