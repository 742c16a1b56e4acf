import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const child = (...args: string[]) =>
  exec(process.execPath, ['--import', 'tsx', 'sip/telephony/drachtio/overload-child.ts', ...args], { timeout: 20_000 });

describe("fsmrf 4.1.2's unhandled dialog.destroy() after a connect timeout", () => {
  it('kills an unguarded Node process', async () => {
    await expect(child()).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('BYE failed') });
  });

  it('leaves the guarded sip process alive and refusing new calls (503 while saturated)', async () => {
    const { stdout } = await child('--guarded');
    expect(JSON.parse(stdout)).toEqual({ outcome: 'Connection timeout', available: false });
  });
});
