// What the browser benchmarks (bench-graph, bench-memory-views) share: building the app,
// then the web shell (out/main/web.js) on a free port and headless Chromium to load its
// test pages from.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './engine-bundle.mjs';

/** Where Chromium is: $PYMEM_CHROMIUM, else /usr/bin/chromium. */
export const chromiumPath = process.env.PYMEM_CHROMIUM ?? '/usr/bin/chromium';

/** `electron-vite build`: null when it worked, else what it printed. */
export function buildApp() {
  const build = spawnSync(join(ROOT, 'node_modules/.bin/electron-vite'), ['build'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return build.status === 0 ? null : `${build.stdout}${build.stderr}`;
}

/**
 * Starts the web shell (with `args` added to its command line, e.g. `--db PATH`) and launches
 * Chromium: its port, the browser, and `close` to end both.
 */
export async function startWebShellBrowser(args = []) {
  const server = spawn(process.execPath, ['out/main/web.js', '--port', '0', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const port = await new Promise((resolve, reject) => {
    let text = '';
    server.stdout.on('data', (chunk) => {
      text += chunk;
      const match = /listening on http:\/\/127\.0\.0\.1:(\d+)\//.exec(text);
      if (match) resolve(match[1]);
    });
    server.on('exit', (code) => reject(new Error(`the web shell exited (${code})`)));
  });

  const { chromium } = await import('@playwright/test');
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  const close = async () => {
    await browser.close();
    server.kill();
  };
  return { port, browser, close };
}
