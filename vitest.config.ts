/** Unit tests: beside the code they test (`src/**`), and the tooling's own (`scripts/**`). */

import { defineConfig } from 'vitest/config';
import { pythonSourceAsText } from './scripts/lib/python-source-plugin.mjs';

export default defineConfig({
  plugins: [pythonSourceAsText()],
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'scripts/**/*.test.{js,mjs,ts}'],
    environment: 'node',
  },
});
