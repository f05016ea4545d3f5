import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

/**
 * Chromium from PLAYWRIGHT_CHROMIUM_PATH, else the system's Debian build, else
 * the browser Playwright installs on a normal machine.
 */
function chromiumPath(): string | undefined {
  if (process.env.PLAYWRIGHT_CHROMIUM_PATH) return process.env.PLAYWRIGHT_CHROMIUM_PATH;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  return undefined;
}

const executablePath = chromiumPath();

export default defineConfig({
  testDir: 'test',
  outputDir: 'test-results/playwright',
  fullyParallel: false,
  workers: process.env.CI ? 1 : 2,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  // Two workers on two cores, each test a console server, a browser and often a sandbox: an accessibility analysis alone can take
  // seconds when the machine is busy. A test that needs longer says so itself.
  timeout: 60_000,
  // What a page shows after loading a part of the interface it had not loaded yet (the handbook is 1.3 MB) can take more
  // than Playwright's 5 s on such a machine: waits for what must appear get 15 s; a wait that should take longer says so.
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  // After everything: one scan for every secret the run used, in everything the consoles wrote, printed and answered.
  globalSetup: './test/e2e/secrets-setup.ts',
  globalTeardown: './test/e2e/secrets-teardown.ts',
  projects: [
    {
      name: 'browser-shell',
      testDir: 'test/e2e',
      use: {
        browserName: 'chromium',
        headless: true,
        launchOptions: {
          ...(executablePath === undefined ? {} : { executablePath }),
          args: [
            '--disable-gpu',
            '--disable-quic',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
        trace: 'retain-on-failure',
      },
    },
    {
      name: 'electron',
      testDir: 'test/electron',
    },
  ],
});
