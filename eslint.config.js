import { builtinModules } from 'node:module';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

/** An import wall: `from` may not import any of `patterns`, for the reason given. */
function wall(files, paths, patterns, message) {
  return {
    files,
    rules: {
      'no-restricted-imports': ['error', { paths: paths.map((name) => ({ name, message })), patterns: [{ group: patterns, message }] }],
    },
  };
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['src/main/**/*.ts', 'src/preload/**/*.ts', 'scripts/**/*.{js,mjs,ts}', 'test/**/*.ts', '*.config.{js,ts}', '.ci/**/*.js'],
    languageOptions: { globals: globals.node },
  },
  wall(
    ['src/renderer/**/*.{ts,tsx}'],
    ['electron', ...nodeBuiltins],
    ['**/main/**', '**/preload/**', '**/sandbox/**'],
    'The renderer runs sandboxed in a web page: it reaches main only through window.api and imports only src/shared and its own files.',
  ),
  wall(
    ['src/shared/**/*.ts'],
    ['electron', 'react', 'react-dom', 'zustand', ...nodeBuiltins],
    ['**/main/**', '**/renderer/**', '**/preload/**', '**/sandbox/**', 'react/*', 'react-dom/*'],
    'src/shared runs in every process: it may not import Electron, Node, React or another layer.',
  ),
  wall(
    ['src/preload/**/*.ts'],
    [...nodeBuiltins],
    ['**/main/**', '**/renderer/**', '**/shared/contract/index', '**/shared/contract/schemas', 'zod'],
    'The preload may load only electron and the plain channel list (src/shared/contract/channels).',
  ),
  wall(
    ['src/main/services/**/*.ts', 'src/main/storage/**/*.ts', 'src/main/web/**/*.ts', 'src/main/ipc/**/*.ts', 'src/main/scm/**/*.ts', 'src/main/console.ts', 'src/main/webShell.ts', 'src/cli/**/*.ts'],
    ['electron'],
    ['**/renderer/**'],
    'Only window plumbing (src/main/index.ts, window.ts, protocol.ts) may use Electron, so the browser shell, the command line and tests can reuse the rest.',
  ),
  wall(
    ['src/main/storage/**/*.ts'],
    ['electron'],
    ['../services/**', '../ipc/**', '../web/**', '../../shared/**', '**/renderer/**'],
    'Storage depends on nothing of ours.',
  ),
  wall(
    ['src/sandbox/**/*.ts'],
    ['electron'],
    ['**/main/**', '**/renderer/**'],
    'The sandbox is an independent reading of the SCM reference: it may not use the console\'s SCM client or any main-process code.',
  ),
);
