/**
 * Builds the three Electron bundles into out/: main (with the web shell's entry and the
 * engine worker chunk), the sandboxed preload (CommonJS), and the renderer's two pages
 * (index.html for Electron, web.html for the web shell).
 */

import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';
import { pythonSourceAsText } from './scripts/lib/python-source-plugin.mjs';
import { exercisesBundle } from './src/main/exercises/bundle-plugin';

export default defineConfig({
  main: {
    // exercisesBundle: resources/exercises/ validated and bundled (a bad exercise fails the build).
    plugins: [pythonSourceAsText(), exercisesBundle()],
    build: {
      rollupOptions: {
        input: {
          index: resolve('src/main/index.ts'),
          web: resolve('src/main/web/main.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot load ES modules.
      rollupOptions: { output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    plugins: [react()],
    build: {
      minify: true,
      // React and CodeMirror make one ~700 kB bundle, read from disk or localhost: no need to split it.
      chunkSizeWarningLimit: 1000,
      rollupOptions: {
        input: {
          index: resolve('src/renderer/index.html'),
          web: resolve('src/renderer/web.html'),
          // The reference graph alone, for its e2e tests and benchmark (not linked from the app).
          'graph-fixture': resolve('src/renderer/graph-fixture.html'),
          // The allocator map and the memory chart alone, for their benchmark (not linked from the app).
          'memory-fixture': resolve('src/renderer/memory-fixture.html'),
        },
      },
    },
  },
});
