#!/usr/bin/env node
// `npm start`: builds the app and launches it in Electron. On the first start (or after an
// Electron upgrade) it also fetches Electron's binary and builds better-sqlite3 for
// Electron's ABI into native/better-sqlite3-abi<ABI>/, beside (never instead of) the Node
// build in node_modules that `npm test` and the web shell use. So `npm start` and
// `npm test` work in any order.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: ROOT, ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function fail(message) {
  process.stderr.write(`npm start: ${message}\n`);
  process.exit(1);
}

// 1. The app itself.
if (run(process.execPath, [join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build']) !== 0) {
  fail('the build failed');
}

// 2. Electron's binary: npm installs the package without it (no install script runs).
const electronDir = dirname(require.resolve('electron/package.json'));
const electronVersion = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
const abi = readFileSync(join(electronDir, 'abi_version'), 'utf8').trim();
if (!existsSync(join(electronDir, 'path.txt'))) {
  console.log(`Fetching Electron ${electronVersion}…`);
  if (run(process.execPath, [join(electronDir, 'install.js')]) !== 0) {
    fail(
      `could not download Electron ${electronVersion}. Without network access use the web shell: npm run web`,
    );
  }
}

// 3. better-sqlite3 for Electron's ABI, built in a copy so node_modules keeps the Node build.
const binding = join(ROOT, 'native', `better-sqlite3-abi${abi}`, 'better_sqlite3.node');
if (!existsSync(binding)) {
  console.log(`Building better-sqlite3 for Electron ${electronVersion} (ABI ${abi}), once…`);
  const work = join(ROOT, 'out', 'native-build', 'better-sqlite3');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(dirname(work), { recursive: true });
  cpSync(dirname(require.resolve('better-sqlite3/package.json')), work, { recursive: true });
  rmSync(join(work, 'build'), { recursive: true, force: true });
  const env = { ...process.env };
  // A nodedir (set on some machines for Node builds) would make node-gyp build for Node.
  delete env.npm_config_nodedir;
  const status = run(
    'npx',
    [
      '--yes',
      'node-gyp',
      'rebuild',
      '--release',
      '--runtime=electron',
      `--target=${electronVersion}`,
      '--dist-url=https://electronjs.org/headers',
    ],
    { cwd: work, env },
  );
  if (status !== 0) {
    console.warn(
      'npm start: better-sqlite3 could not be built for Electron: the app will run, but experiments cannot be saved (README, "better-sqlite3 under Electron").',
    );
  } else {
    mkdirSync(dirname(binding), { recursive: true });
    cpSync(join(work, 'build', 'Release', 'better_sqlite3.node'), binding);
  }
}

// 4. The app.
const electron = require('electron');
process.exitCode = run(electron, ['.', ...process.argv.slice(2)]);
