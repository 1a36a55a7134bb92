import { mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineBuildError, ensureEngineBundle, newestMtime } from './engine-bundle.mjs';

describe('ensureEngineBundle', () => {
  let dir;
  let src;
  let options;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pymem-bundle-'));
    src = join(dir, 'core');
    mkdirSync(src);
    writeFileSync(
      join(src, 'cli.ts'),
      "import { answer } from './answer';\nexport const main = (): number => answer;\n",
    );
    writeFileSync(join(src, 'answer.ts'), 'export const answer: number = 42;\n');
    options = { inputs: [src], entry: join(src, 'cli.ts'), bundle: join(dir, 'out/cli.mjs') };
  });

  afterAll(() => rmSync(dir, { recursive: true }));

  const setTime = (path, seconds) => utimesSync(path, seconds, seconds);

  it('bundles the TypeScript entry into one ES module', async () => {
    const bundle = await ensureEngineBundle(options);
    const { main } = await import(`${pathToFileURL(bundle).href}?v=1`);
    expect(main()).toBe(42);
  });

  it('does not rebuild while nothing changed', async () => {
    const before = statSync(options.bundle).mtimeMs;
    const ino = statSync(options.bundle).ino;
    await ensureEngineBundle(options);
    expect(statSync(options.bundle).ino).toBe(ino);
    expect(statSync(options.bundle).mtimeMs).toBe(before);
  });

  it('rebuilds when a source file is newer than the bundle', async () => {
    writeFileSync(join(src, 'answer.ts'), 'export const answer: number = 43;\n');
    setTime(join(src, 'answer.ts'), Date.now() / 1000 + 5);
    const bundle = await ensureEngineBundle(options);
    const { main } = await import(`${pathToFileURL(bundle).href}?v=2`);
    expect(main()).toBe(43);
    expect(statSync(bundle).mtimeMs).toBeCloseTo(Math.ceil(newestMtime([src])), 0);
  });

  it('refuses Node imports in the engine and says where', async () => {
    writeFileSync(
      join(src, 'answer.ts'),
      "import { readFileSync } from 'node:fs';\nexport const answer = readFileSync.length;\n",
    );
    setTime(join(src, 'answer.ts'), Date.now() / 1000 + 10);
    const error = await ensureEngineBundle(options).catch((e) => e);
    expect(error).toBeInstanceOf(EngineBuildError);
    expect(error.message).toContain('answer.ts');
  });
});
