/**
 * Bundles resources/exercises/ into the main process as the module `virtual:pymem-exercises`, so
 * the app carries its exercises with it (nothing to find on disk, offline by construction). The
 * build fails, listing every problem, when an exercise file is not valid.
 */

import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { parseCatalog, readExerciseFiles } from './exercise-catalog';

export const EXERCISES_MODULE = 'virtual:pymem-exercises';
const RESOLVED = `\0${EXERCISES_MODULE}`;

export function exercisesBundle(dir = resolve('resources/exercises')): Plugin {
  return {
    name: 'pymem-exercises',
    resolveId: (id) => (id === EXERCISES_MODULE ? RESOLVED : null),
    load(id) {
      if (id !== RESOLVED) return null;
      const files = readExerciseFiles(dir);
      for (const file of files) this.addWatchFile(resolve(dir, file.name));
      const { problems } = parseCatalog(files);
      if (problems.length > 0) this.error(`Invalid exercises in ${dir}:\n${problems.join('\n')}`);
      // The folder's README documents the format: the app does not need it.
      return `export default ${JSON.stringify(files.filter((f) => f.name.endsWith('.md') && f.name !== 'README.md'))};`;
    },
  };
}
