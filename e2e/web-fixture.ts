/**
 * The web specs' fixture: the shared web shell started by playwright.config.ts, a page on it,
 * and a check that the page logged no error (a CSP violation, an exception) during the test.
 */

import { expect, test as base } from '@playwright/test';
import { LabPage } from './lab-page';

export const test = base.extend<{ lab: LabPage }>({
  // The web shell picks a free port at start; Playwright puts it in PYMEM_WEB_PORT.
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
  baseURL: async ({}, use) => {
    const port = process.env.PYMEM_WEB_PORT;
    if (!port) throw new Error('PYMEM_WEB_PORT is not set: the web shell did not start');
    await use(`http://127.0.0.1:${port}/`);
  },
  lab: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto('/');
    await use(new LabPage(page));
    expect(errors).toEqual([]);
  },
});

export { expect };
