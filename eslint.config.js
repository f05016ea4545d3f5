import { builtinModules } from 'node:module';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

/**
 * An import wall: `files` may not import any of `paths` (exact names),
 * `patterns` (gitignore-style) or `regexes` (whole import strings), for the
 * reason given.
 */
function wall(files, paths, patterns, message, regexes = []) {
  return {
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: paths.map((name) => ({ name, message })),
          patterns: [...(patterns.length === 0 ? [] : [{ group: patterns, message }]), ...regexes.map((regex) => ({ regex, message }))],
        },
      ],
    },
  };
}

/**
 * An import, relative from a file in src/main/<layer>/ or src/cli/, of one of
 * main's folders (`../scm/client`, `../../scm`, `../main/scm/client`). Written
 * as a regular expression because a layer's files import their own folder and
 * src/shared/scm under the same last name.
 */
function mainFolders(...folders) {
  return `^(\\.\\./)+(main/)?(${folders.join('|')})(/.*)?$`;
}

/** The shells' own files in src/main, which no layer below them may import. */
const shellFiles = '^(\\.\\./)+(main/)?(console|window|webShell|protocol)$';
const otherProcesses = ['**/renderer/**', '**/preload/**'];

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
    ['src/main/console.ts', 'src/main/webShell.ts'],
    ['electron'],
    ['**/renderer/**'],
    'Only window plumbing (src/main/index.ts, window.ts, protocol.ts) may use Electron, so the browser shell, the command line and tests can reuse the rest.',
  ),
  wall(
    ['src/main/ipc/**/*.ts'],
    ['electron'],
    otherProcesses,
    'src/main/ipc registers handlers, checks senders and parses arguments: it imports services and src/shared only, never the SCM client, the keychain, storage or a shell.',
    [mainFolders('scm', 'credentials', 'storage', 'web', 'sandbox'), shellFiles],
  ),
  wall(
    ['src/main/services/**/*.ts'],
    ['electron'],
    otherProcesses,
    'src/main/services holds the use cases every shell shares: it may use scm, credentials, storage and src/shared, never ipc, the browser shell, Electron or a shell.',
    [mainFolders('ipc', 'web'), shellFiles],
  ),
  wall(
    ['src/main/scm/**/*.ts'],
    ['electron'],
    otherProcesses,
    'src/main/scm is the SCM REST client: it imports src/shared only.',
    [mainFolders('ipc', 'services', 'credentials', 'storage', 'web', 'sandbox'), shellFiles],
  ),
  wall(
    ['src/main/credentials/**/*.ts'],
    ['electron'],
    [],
    'src/main/credentials keeps secrets and depends on nothing of ours.',
    ['^\\.\\./'],
  ),
  wall(
    ['src/main/storage/**/*.ts'],
    ['electron'],
    [],
    'src/main/storage writes and reads files and depends on nothing of ours.',
    ['^\\.\\./'],
  ),
  wall(
    ['src/main/web/**/*.ts'],
    ['electron'],
    [],
    'The browser shell serves the page and passes requests to the dispatcher: it imports src/main/ipc and its own files only.',
    ['^\\.\\./(?!ipc(/|$))'],
  ),
  wall(
    ['src/cli/**/*.ts'],
    ['electron'],
    [],
    'The command line is a shell like the window: it reaches SCM, secrets and files through src/main/services, and imports only those and src/shared.',
    ['^\\.\\./(?!main/services(/|$)|shared(/|$))'],
  ),
  wall(
    ['src/sandbox/**/*.ts'],
    ['electron'],
    ['**/main/**', '**/renderer/**'],
    'The sandbox is an independent reading of the SCM reference: it may not use the console\'s SCM client or any main-process code.',
  ),
);
