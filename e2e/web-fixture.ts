/**
 * The web specs' fixture: the shared web shell started by playwright.config.ts, a page on it,
 * and a check that the page logged no error (a CSP violation, an exception) during the test.
 */

import { expect, test as base, type Page } from '@playwright/test';
import { LabPage } from './lab-page';

export const test = base.extend<{ lab: LabPage }>({
  // The web shell picks a free port at start; Playwright puts it in PYMEM_WEB_PORT.
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
  baseURL: async ({}, use) => {
    const port = process.env.PYMEM_WEB_PORT;
    if (!port) throw new Error('PYMEM_WEB_PORT is not set: the web shell did not start');
    await use(`http://127.0.0.1:${port}/`);
  },
  lab: ({ page }, use) => useLabPage(page, '/', (p) => new LabPage(p), use),
});

/**
 * Opens the app at `url`, hands the fixture its page object, and fails the test if the page
 * logged an error meanwhile (a CSP violation, an exception).
 */
export async function useLabPage<P>(
  page: Page,
  url: string,
  makePage: (page: Page) => P,
  use: (lab: P) => Promise<void>,
): Promise<void> {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  await use(makePage(page));
  expect(errors).toEqual([]);
}

export { expect };
