// ESLint (flat config): typescript-eslint's recommended rules everywhere, plus the process
// boundaries of DESIGN.md, enforced here rather than remembered:
//   src/core      the engine: nothing from Node, Electron, React or the DOM; deterministic
//   src/main      services never import Electron; only index.ts, ipc.ts and window.ts wire it
//   src/preload   Electron's renderer-side API and src/shared only
//   src/renderer  browser code: no Node, no Electron, no main-process code
//   src/shared    the contract: imports nothing from any side
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

/**
 * `no-restricted-imports` patterns (gitignore syntax, matched against the import specifier).
 * Node's builtins are matched by exact name: as a pattern, `vm` would also match `../vm/frame`.
 */
const NODE = {
  group: ['node:*', ...builtinModules.filter((name) => !name.startsWith('_')).map((name) => `/${name}`)],
  message: 'Node APIs are not available here.',
};
const ELECTRON = {
  group: ['/electron', '/electron/*'],
  message: 'Electron is wired only in src/main/{index,ipc,window}.ts.',
};
const REACT = {
  group: ['/react', '/react/*', '/react-dom', '/react-dom/*'],
  message: 'React belongs to src/renderer.',
};
const EDITOR = { group: ['/codemirror', '/@codemirror/*'], message: 'The editor belongs to src/renderer.' };
const MAIN = { group: ['**/main/*'], message: 'Main-process code cannot be imported from here.' };
const RENDERER = { group: ['**/renderer/*'], message: 'Renderer code cannot be imported from here.' };

const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

/** Browser and host globals the engine must not touch (tsc's ES2022-only lib catches the rest). */
const HOST_GLOBALS = [
  'window',
  'document',
  'navigator',
  'location',
  'self',
  'process',
  'Buffer',
  'require',
  'global',
].map((name) => ({ name, message: 'The engine is pure ES2022: no host globals.' }));

export default tseslint.config(
  {
    ignores: [
      'out/',
      'node_modules/',
      'test-results/',
      'playwright-report/',
      'tests/conformance/',
      '**/fixtures/*.json',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}', '**/*.config.ts', 'scripts/**', 'e2e/**', 'src/main/**', 'src/**/*.test.*'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      ...restrict(NODE, ELECTRON, REACT, EDITOR, MAIN, RENDERER),
      // An interpreter matches control characters on purpose (string escapes, repr, tokenizing).
      'no-control-regex': 'off',
      'no-restricted-globals': ['error', ...HOST_GLOBALS],
      'no-restricted-properties': [
        'error',
        {
          object: 'Math',
          property: 'random',
          message: 'The engine is deterministic: the same source gives the same run.',
        },
        {
          object: 'Date',
          property: 'now',
          message: 'The engine is deterministic: the same source gives the same run.',
        },
      ],
    },
  },
  {
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/index.ts', 'src/main/ipc.ts', 'src/main/window.ts', 'src/main/**/*.test.ts'],
    rules: restrict(ELECTRON, RENDERER),
  },
  {
    files: ['src/main/index.ts', 'src/main/ipc.ts', 'src/main/window.ts'],
    rules: restrict(RENDERER),
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: restrict(NODE, REACT, MAIN, RENDERER),
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: restrict(NODE, ELECTRON, REACT, MAIN, RENDERER),
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat['recommended-latest'],
    languageOptions: { globals: globals.browser },
    rules: {
      ...reactHooks.configs.flat['recommended-latest'].rules,
      ...restrict(NODE, ELECTRON, MAIN),
    },
  },
);
