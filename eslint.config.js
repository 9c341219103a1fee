// @ts-check
/**
 * Lint rules, including the layering of STYLE.md as import bans per folder and a
 * failure on import cycles.
 */
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

import { builtinModules } from 'node:module';

// Bare names ('crypto', 'fs') as exact paths, so a local folder called crypto/ is not banned.
const nodeBuiltinPaths = builtinModules.map((name) => ({
  name,
  message: 'no Node built-ins here.',
}));

/** @param {string[]} groups @param {string} message */
const ban = (groups, message) => ({ group: groups, message });

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.tsx', '.js'] } } },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'off',
      // With noUncheckedIndexedAccess, `!` after a bounds check is the honest idiom.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // `result: void` in the IPC maps reads better than `undefined`.
      '@typescript-eslint/no-invalid-void-type': 'off',
      // `onClick={() => setOpen(true)}` is the React idiom; braces add nothing.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltinPaths,
          patterns: [
            ban(['electron', 'electron/*'], 'shared/ runs everywhere: no Electron.'),
            ban(
              ['react', 'react-dom', 'react/*', '@lexical/react/*', 'react-i18next'],
              'shared/ has no UI.',
            ),
            ban(['node:*'], 'shared/ touches no Node built-in.'),
            ban(['**/renderer/**', '**/electron/**'], 'shared/ imports neither side.'),
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'navigator',
        'localStorage',
        'process',
        'Buffer',
        'require',
      ],
    },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/web/**/*.ts', 'electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ban(['**/renderer/**'], 'main does not import the renderer.'),
            ban(
              ['react', 'react-dom', 'react/*', '@lexical/react', '@lexical/react/*'],
              'main has no React.',
            ),
          ],
        },
      ],
    },
  },
  {
    // Services run as plain Node modules (tests, browser mode): Electron stays behind adapters.
    files: ['electron/main/services/**/*.ts', 'electron/web/**/*.ts', 'electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ban(
              ['electron', 'electron/*'],
              'services are plain Node: keep Electron behind an adapter.',
            ),
            ban(['**/renderer/**'], 'main does not import the renderer.'),
            ban(['react', 'react-dom', 'react/*'], 'main has no React.'),
          ],
        },
      ],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!electron$|\\.\\./\\.\\./shared/ipc/).*',
              message: 'the preload imports only electron and shared/ipc.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: globals.browser },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltinPaths,
          patterns: [
            ban(['electron', 'electron/*'], 'the renderer reaches main only through the bridge.'),
            ban(['node:*'], 'the renderer has no Node.'),
            ban(['**/electron/**'], 'the renderer does not import main.'),
          ],
        },
      ],
    },
  },
);
