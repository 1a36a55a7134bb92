/** Unit tests: beside the code they test (`src/**`), and the tooling's own (`scripts/**`). */

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'scripts/**/*.test.{js,mjs,ts}'],
    environment: 'node',
  },
});
