import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, type APIRequestContext } from '@playwright/test';

/** An API token acting as this user (API-1), made with the operator CLI on the e2e database. */
export async function apiToken(email: string): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'server/cli/main.ts', '--json', 'token', 'create', '--email', email, '--name', 'e2e setup'], {
    env: { ...process.env, DATA_DIR: '.data-e2e' },
  });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}').token;
}

/** Sets up what a browser test looks at through the REST API, faster than through the forms. */
export function restClient(request: APIRequestContext, token: string) {
  const headers = { authorization: `Bearer ${token}` };
  return {
    async post<T = Record<string, unknown>>(path: string, data: unknown = {}): Promise<T> {
      const response = await request.post(`/api/v1${path}`, { headers, data });
      expect(response.ok(), `${path}: ${await response.text()}`).toBe(true);
      return (await response.json()) as T;
    },
  };
}
