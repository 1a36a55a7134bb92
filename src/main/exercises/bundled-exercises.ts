/** The exercises bundled into this build (bundle-plugin.ts), parsed once. */

import files from 'virtual:pymem-exercises';
import { parseCatalog, type Catalog } from './exercise-catalog';

let catalog: Catalog | undefined;

export function bundledExercises(): Catalog {
  catalog ??= parseCatalog(files);
  return catalog;
}
