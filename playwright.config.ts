/**
 * End-to-end tests. `web`: the web shell (started here on a free port) in Debian's Chromium;
 * nothing is downloaded. `electron`: the desktop app through Playwright's Electron support,
 * skipped where the Electron binary is not installed. Both need `npm run build` first
 * (`npm test` does it).
 */

import { defineConfig } from '@playwright/test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const chromium = process.env.PYMEM_CHROMIUM ?? '/usr/bin/chromium';
/** The shared web shell's experiments: a database of this run, never the person's own. */
const webShellDb = join(tmpdir(), `pymem-lab-e2e-${process.pid}`, 'experiments.sqlite');

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: {
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'web',
      // graph.spec.ts: the reference graph on its own test page, served by the same web shell.
      testMatch: ['web-*.spec.ts', 'graph.spec.ts'],
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: chromium,
          // The machine's network is closed: Chromium's background connections only fail slowly.
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
    { name: 'electron', testMatch: 'electron-*.spec.ts' },
  ],
  webServer: {
    // No step budget: the stop tests must find their endless loop still running.
    command: `node out/main/web.js --port 0 --step-budget 0 --db "${webShellDb}"`,
    // The shell prints its URL; the named group becomes process.env.PYMEM_WEB_PORT for the tests.
    wait: { stdout: /listening on http:\/\/127\.0\.0\.1:(?<pymem_web_port>\d+)\// },
    timeout: 20_000,
    stdout: 'pipe',
    reuseExistingServer: false,
  },
});
