// The process boundaries of eslint.config.js, checked on snippets placed (virtually) in each folder.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

/** The rule ids ESLint reports for `code` as if it were the file `path`. */
async function violations(path, code) {
  const [result] = await eslint.lintText(code, { filePath: path });
  return result.messages.map((message) => message.ruleId);
}

describe('src/core', () => {
  it.each([
    "import { readFileSync } from 'node:fs';",
    "import { readFileSync } from 'fs';",
    "import { Worker } from 'worker_threads';",
    "import { app } from 'electron';",
    "import { useState } from 'react';",
    "import { EditorView } from '@codemirror/view';",
    "import { EngineHost } from '../../main/engine-host';",
  ])('rejects %s', async (code) => {
    expect(await violations('src/core/objects/probe.ts', `${code}\nexport {};\n`)).toContain(
      'no-restricted-imports',
    );
  });

  it('accepts its own modules, even ones named like Node builtins', async () => {
    expect(await violations('src/core/objects/probe.ts', "export { x } from '../vm/runtime';\n")).toEqual([]);
  });

  it.each(['document.title', 'window.x', 'process.exit()', 'Buffer.from("")'])(
    'rejects the host global in %s',
    async (code) => {
      expect(await violations('src/core/probe.ts', `export const f = () => ${code};\n`)).toContain(
        'no-restricted-globals',
      );
    },
  );

  it('rejects nondeterminism', async () => {
    expect(await violations('src/core/probe.ts', 'export const r = Math.random() + Date.now();\n')).toEqual([
      'no-restricted-properties',
      'no-restricted-properties',
    ]);
  });
});

describe('src/main', () => {
  it('keeps services free of Electron', async () => {
    expect(
      await violations('src/main/engine-host.ts', "import { app } from 'electron';\nexport { app };\n"),
    ).toContain('no-restricted-imports');
  });

  it('lets the thin wiring import Electron', async () => {
    for (const file of ['src/main/index.ts', 'src/main/ipc.ts', 'src/main/window.ts']) {
      expect(await violations(file, "import { app } from 'electron';\nexport { app };\n")).toEqual([]);
    }
  });
});

describe('src/renderer and src/shared', () => {
  it.each([
    ['src/renderer/App.tsx', "import { ipcRenderer } from 'electron';"],
    ['src/renderer/App.tsx', "import { join } from 'node:path';"],
    ['src/renderer/App.tsx', "import { LabSession } from '../main/lab-session';"],
    ['src/shared/lab-api.ts', "import { useState } from 'react';"],
    ['src/shared/lab-api.ts', "import { Worker } from 'node:worker_threads';"],
    ['src/preload/index.ts', "import { readFileSync } from 'node:fs';"],
  ])('%s rejects %s', async (path, code) => {
    expect(await violations(path, `${code}\nexport {};\n`)).toContain('no-restricted-imports');
  });
});
