import { defineConfig, devices } from '@playwright/test';

// E2E_PORT lets several checkouts on one machine run their browser tests side by side.
const PORT = Number(process.env.E2E_PORT ?? 3100);

/** Browser tests against the production build, on a database of their own (DATA_DIR=.data-e2e). */
export default defineConfig({
  testDir: 'e2e',
  testIgnore: ['**/sip/**'],
  globalSetup: './e2e/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL: `http://localhost:${PORT}`,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
        },
      },
    },
  ],
  webServer: {
    command: 'npm run build && npx tsx server/start.ts --web-only',
    url: `http://localhost:${PORT}/sign-in`,
    env: { DATA_DIR: '.data-e2e', STORAGE_DIR: '.data-e2e/storage', PORT: String(PORT), APP_URL: `http://localhost:${PORT}` },
    reuseExistingServer: !process.env.CI,
    timeout: 15 * 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
