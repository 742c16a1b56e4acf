import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/** Runs `npm run cli -- --json …` the way an operator does, against the given database. */
export async function runCli(
  databaseUrl: string,
  args: string[],
  baseEnv: NodeJS.ProcessEnv = process.env,
): Promise<{ code: number; json: Record<string, any> }> {
  try {
    const { stdout } = await exec(process.execPath, ['--import', 'tsx', 'server/cli/main.ts', '--json', ...args], {
      env: { ...baseEnv, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' },
    });
    return { code: 0, json: JSON.parse(stdout) };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, json: JSON.parse(failed.stdout) };
  }
}
