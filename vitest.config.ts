/** Unit tests: beside the code they test (`src/**`), and the tooling's own (`scripts/**`). */

import { defineConfig } from 'vitest/config';
import { pythonSourceAsText } from './scripts/lib/python-source-plugin.mjs';

export default defineConfig({
  plugins: [pythonSourceAsText()],
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'scripts/**/*.test.{js,mjs,ts}'],
    environment: 'node',
    // Python recursion runs on the JS stack: a recursion limit of 1000 needs a deeper
    // stack than Node's default, and only a child process (not a worker thread) accepts
    // --stack-size. 4 MB stays well inside Linux's 8 MB main-thread stack.
    pool: 'forks',
    execArgv: ['--stack-size=4000'],
  },
});
