// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Imports that would tie the pure core to a view, to TensorFlow.js or to Node. */
const VIEW_AND_TF = [
  { group: ['react', 'react-dom', 'react/*', 'react-dom/*', '@xyflow/*', 'zustand', 'zustand/*', 'react-i18next'], message: 'The pure core knows no React: move view code to src/ui.' },
  { group: ['@tensorflow/*'], message: 'Only src/runtime imports TensorFlow.js.' },
  { group: ['**/runtime', '**/runtime/*', '**/ui/*', '**/store/*', '**/app/*', '**/cli/*', '**/worker/*'], message: 'The pure core must not depend on runtime, UI, store, CLI or worker code.' },
  { group: ['node:*', 'fs', 'path', 'os', 'child_process'], message: 'The pure core runs in the browser too: pass files in through DataIO.' },
];

/** DOM globals that must not appear in pure code. */
const DOM_GLOBALS = ['window', 'document', 'navigator', 'localStorage', 'indexedDB', 'HTMLElement', 'Image', 'fetch'].map((name) => ({
  name,
  message: 'The pure core runs in Node and in workers: no DOM.',
}));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'public/**', 'coverage/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['src/core/**/*.ts', 'blocks/**/*.ts', 'src/metrics/**/*.ts', 'src/data/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: VIEW_AND_TF }],
      'no-restricted-globals': ['error', ...DOM_GLOBALS],
    },
  },
  {
    // The page never loads TensorFlow.js: training and predictions run in the worker (src/worker).
    files: ['src/ui/**/*.{ts,tsx}', 'src/store/**/*.ts', 'src/app/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@tensorflow/*', '**/runtime/tf', '**/runtime/train', '**/runtime/predict', '**/runtime/export-model'], message: 'Only src/runtime and src/worker import TensorFlow.js; the page talks to the training worker.' }] }],
    },
  },
);
