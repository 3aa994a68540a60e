// ESLint flat config. The zone rules below encode the import table of ARCHITECTURE.md:
// each runtime folder may import only what its process can load, and every rule says why.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import globals from 'globals';

const NODE_ONLY = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'better-sqlite3', 'chokidar', 'got', 'fastify', 'ws'];

/** A zone forbids files under `target` to import anything under `from`. */
const zone = (target, from, message, except) => ({ target, from, message, ...(except ? { except } : {}) });

const zones = [
  zone('./shared', ['./client', './engine', './main', './preload', './renderer', './test', './bench', './build'],
    'shared/ is compiled into every runtime (Node, sandboxed renderer, preload), so it may import nothing outside itself.'),
  zone('./client', ['./engine', './main', './preload', './renderer', './test', './bench', './build'],
    'client/ talks to the engine over HTTP only, like the Python client; it must not reach into the server or the app.'),
  zone('./engine', ['./client', './main', './preload', './renderer', './test', './bench', './build'],
    'engine/ runs alone as a team server; it may depend on shared/ only.'),
  zone('./main/services', ['./main/ipc', './main/windows', './main/platform', './main/desktop', './preload', './renderer', './test', './bench', './build'],
    'main/services/ is plain Node shared by the desktop app, the headless agent and the tests; Electron glue lives outside it.'),
  zone('./main/services', './engine',
    'main/services/ may embed the engine only through engine/host, never its internals.', ['./host']),
  zone(['./main/!(services)/**/*', './main/*.ts'], './engine',
    'Outside main/services/, the app reaches the engine only through the embedded-engine host in main/services/engine.'),
  zone('./main', ['./preload', './renderer', './test', './bench', './build'],
    'The main process never imports renderer or preload code: they run in other processes and meet only through the shared contract.'),
  zone('./preload', ['./client', './engine', './main', './renderer', './test', './bench', './build'],
    'preload/ is the bridge and nothing else: it knows the shared contract and Electron\'s contextBridge only.'),
  zone('./renderer', ['./client', './engine', './main', './preload', './test', './bench', './build'],
    'renderer/ runs in a sandboxed page: it learns the bridge from shared/, never from preload/ or main/.'),
  zone('./build', ['./shared', './client', './engine', './main', './preload', './renderer', './test', './bench'],
    'build/ holds packaging resources only; app code and packaging stay independent.'),
];

export default tseslint.config(
  { ignores: ['node_modules/', '.scratch/', 'out/', 'dist/', '.tsbuild/', 'coverage/', 'test-results/', 'playwright-report/', 'bench/results/', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    plugins: { 'import-x': importX },
    // Zone rules need imports resolved to files; sources import TypeScript files without extensions.
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.mjs', '.js', '.json', '.node'] })] },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      // Fastify route handlers and hooks are async by contract even when they compute synchronously.
      '@typescript-eslint/require-await': 'off',
      'import-x/no-default-export': 'error',
      'import-x/no-restricted-paths': ['error', { zones }],
      'no-restricted-syntax': ['error',
        { selector: "CallExpression[callee.object.name=/^(it|test|describe)$/][callee.property.name='only']", message: 'A focused test hides the rest of the suite.' }],
    },
  },
  {
    files: ['shared/**/*.ts', 'preload/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: NODE_ONLY, message: 'Node-only modules cannot load in shared/, preload/ or the sandboxed renderer.' }] }],
    },
  },
  {
    files: ['shared/**/*.ts', 'renderer/**/*.{ts,tsx}', 'client/**/*.ts', 'engine/**/*.ts', 'main/services/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'Only main/ (outside services/) and preload/ may load Electron, so everything else runs under plain Node and in tests.' }],
        patterns: [{ group: ['electron/*'], message: 'Only main/ (outside services/) and preload/ may load Electron.' }],
      }],
    },
  },
  {
    files: ['shared/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'Only main/ (outside services/) and preload/ may load Electron.' }],
        patterns: [{ group: NODE_ONLY, message: 'Node-only modules cannot load in shared/ or the sandboxed renderer.' }],
      }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'preload/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.test.ts', '**/*.spec.ts'],
    // Vitest's asymmetric matchers (expect.any, expect.stringMatching) are typed `any` by design.
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  {
    files: ['*.mjs', 'bin/**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    rules: { ...tseslint.configs.disableTypeChecked.rules, 'import-x/no-default-export': 'off' },
  },
);
