// The engine's command-line entry (src/core/cli.ts) bundled into one ES module,
// out/engine/cli.mjs, rebuilt only when something it is made from changed. Running a
// Python file then costs a stat of src/core and an import, never a TypeScript compile.
import { mkdirSync, readdirSync, renameSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BUNDLE = join(ROOT, 'out/engine/cli.mjs');
const ENTRY = join(ROOT, 'src/core/cli.ts');

/** What the bundle is made from: the engine, its dependencies' versions, and this recipe. */
const INPUTS = [join(ROOT, 'src/core'), join(ROOT, 'package-lock.json'), fileURLToPath(import.meta.url)];

/**
 * The newest modification time under `paths`, in ms. Folders count too: deleting a file
 * changes its folder's time.
 */
export function newestMtime(paths) {
  let newest = 0;
  const visit = (path) => {
    let info;
    try {
      info = statSync(path);
    } catch {
      return; // a missing input (no lock file yet) changes nothing
    }
    newest = Math.max(newest, info.mtimeMs);
    if (info.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
  };
  paths.forEach(visit);
  return newest;
}

export class EngineBuildError extends Error {}

/**
 * Returns the bundle's path, building it first if any input is newer. The bundle's mtime is
 * set to the inputs' newest mtime seen before the build, so an edit made while esbuild runs
 * still counts as newer next time. Written to a temporary file and renamed, so a parallel run
 * never imports half a file.
 */
export async function ensureEngineBundle({ inputs = INPUTS, entry = ENTRY, bundle = BUNDLE } = {}) {
  const sources = newestMtime(inputs);
  let built = -1;
  try {
    built = statSync(bundle).mtimeMs;
  } catch {
    // not built yet
  }
  // Half a millisecond of slack: a time set through utimes() reads back rounded.
  if (built + 0.5 >= sources) return bundle;

  // esbuild is loaded only when needed: the up-to-date path stays a few milliseconds.
  const { build } = await import('esbuild');
  let result;
  try {
    result = await build({
      entryPoints: [entry],
      bundle: true,
      format: 'esm',
      // 'neutral': the engine gets no Node builtins, so a stray `node:` import fails the build.
      platform: 'neutral',
      mainFields: ['module', 'main'],
      target: 'es2022',
      // As tsconfig.base.json: class fields become constructor assignments (much faster in V8).
      tsconfigRaw: { compilerOptions: { useDefineForClassFields: false } },
      // The engine's bundled pure-Python modules (src/core/modules/py/*.py) are text.
      loader: { '.py': 'text' },
      outfile: bundle,
      sourcemap: 'linked',
      write: false,
      logLevel: 'silent',
    });
  } catch (error) {
    const messages = error.errors?.map((e) =>
      e.location ? `${e.location.file}:${e.location.line}: ${e.text}` : e.text,
    );
    throw new EngineBuildError(`cannot build the engine:\n${(messages ?? [error.message]).join('\n')}`);
  }
  mkdirSync(dirname(bundle), { recursive: true });
  const seconds = Math.ceil(sources) / 1000;
  for (const file of result.outputFiles) {
    const temporary = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temporary, file.contents);
    utimesSync(temporary, seconds, seconds);
    renameSync(temporary, file.path);
  }
  return bundle;
}
