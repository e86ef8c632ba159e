// Layering (STYLE.md): who may import whom is checked here, on top of each folder's tsconfig.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const noNode = [
  'node:*',
  'fs',
  'path',
  'os',
  'child_process',
  'http',
  'https',
  'crypto',
  'better-sqlite3',
  'electron',
];

// Test helpers live in test/ (and electron/testing/, renderer/src/testing/): production code never
// imports them, so a fake store or a fixture writer cannot end up in the app.
const TEST_FILES = ['**/*.test.ts', '**/*.test.tsx', '**/testing/**'];
const testHelpers = {
  group: ['**/test/**', '**/testing/**'],
  message: 'Test helpers (test/, testing/) are for tests only.',
};

/** A layer's import rule: its own patterns everywhere, and no test helpers outside its tests. */
function layer(files, patterns, extra = {}) {
  const rule = (list) => ['error', { patterns: list }];
  return [
    { files, ...extra, rules: { ...extra.rules, 'no-restricted-imports': rule(patterns) } },
    {
      files,
      ignores: TEST_FILES,
      rules: { 'no-restricted-imports': rule([...patterns, testHelpers]) },
    },
  ];
}

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'test/fixtures/**',
      'test-results/**',
      'playwright-report/**',
      '.bench/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  ...layer(
    ['shared/common/**/*.ts'],
    [
      {
        group: noNode,
        message: 'shared/common is pure TypeScript: no Node, no DOM, no native modules.',
      },
      {
        group: ['**/node/**', '**/electron/**', '**/renderer/**'],
        message: 'shared/common imports nothing else of ours.',
      },
    ],
  ),
  ...layer(
    ['shared/node/**/*.ts'],
    [
      {
        group: ['**/electron/**', '**/renderer/**', 'electron'],
        message: 'shared/node may import only shared/common.',
      },
    ],
  ),
  ...layer(
    ['electron/**/*.ts'],
    [
      {
        group: ['**/renderer/**'],
        message: 'electron/ may import shared/common, shared/node and electron only.',
      },
    ],
  ),
  ...layer(
    ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    [
      { group: noNode, message: 'The renderer talks only to the contract: no Node modules.' },
      {
        group: ['**/shared/node/**', '**/electron/**'],
        message: 'renderer/ may import shared/common only.',
      },
    ],
    {
      plugins: { 'react-hooks': reactHooks },
      languageOptions: { globals: { ...globals.browser } },
      rules: reactHooks.configs.recommended.rules,
    },
  ),
  {
    // End-to-end specs drive the built app; helpers they share with unit tests come from test/.
    files: ['e2e/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/shared/**/testing/**',
                '**/electron/**/testing/**',
                '**/renderer/**/testing/**',
              ],
              message: 'e2e/ takes test helpers from test/ only, never from a source folder.',
            },
          ],
        },
      ],
    },
  },
);
