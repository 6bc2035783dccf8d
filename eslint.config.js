// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Import patterns for a folder of the app, however it is reached: `../store` (its index), `../store/x` and
 * anything deeper. Patterns are gitignore-style and matched against the import as written.
 */
const layers = (...names) => names.flatMap((n) => [`**/${n}`, `**/${n}/**`]);

/** Imports that would tie the pure core to a view, to TensorFlow.js or to Node. */
const VIEW_AND_TF = [
  { group: ['react', 'react-dom', 'react/*', 'react-dom/*', '@xyflow/*', 'zustand', 'zustand/*', 'react-i18next'], message: 'The pure core knows no React: move view code to src/ui.' },
  { group: ['@tensorflow/*'], message: 'Only src/runtime imports TensorFlow.js.' },
  { group: layers('runtime', 'ui', 'store', 'storage', 'app', 'cli', 'worker', 'export'), message: 'The pure core must not depend on runtime, UI, store, storage, CLI, worker or export code.' },
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
      // zod's internals change between releases; read a schema through its public `def`, `type` and `z.toJSONSchema`.
      'no-restricted-syntax': ['error', { selector: "MemberExpression[property.name='_zod']", message: "zod's internals (_zod) are private: use the schema's public def or z.toJSONSchema." }],
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
    // Blocks are declared on top of the core; the core never reaches up into them.
    files: ['src/core/**/*.ts'],
    ignores: ['**/*.test.ts', 'src/core/testing/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...VIEW_AND_TF, { group: layers('blocks'), message: 'src/core is below blocks/: pass the registry in instead of importing blocks.' }] }],
      'no-restricted-globals': ['error', ...DOM_GLOBALS],
    },
  },
  {
    // The document layer (schema, parsing, migrations) is below the compiler.
    files: ['src/core/document/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...VIEW_AND_TF, { group: layers('blocks'), message: 'src/core is below blocks/: pass the registry in instead of importing blocks.' }, { group: ['../compiler', '../compiler/**', '**/core/compiler', '**/core/compiler/**'], message: 'The document layer is below the compiler: move code that needs both into src/core/compiler.' }] }],
      'no-restricted-globals': ['error', ...DOM_GLOBALS],
    },
  },
  {
    // Storage (IndexedDB, Web Locks, sessionStorage) serves the page and the workers alike: it knows no view,
    // no editor state and no TensorFlow.js; it may name the worker's and runtime's message types.
    files: ['src/storage/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['react', 'react-dom', 'react/*', 'react-dom/*', '@xyflow/*', 'zustand', 'zustand/*', 'react-i18next', '@tensorflow/*'], message: 'Storage knows no view, editor state or TensorFlow.js.' },
        { group: layers('ui', 'store', 'app', 'cli'), message: 'Storage is below the editor store and the UI: they import it, not the other way.' },
        { group: layers('runtime', 'worker'), allowTypeImports: true, message: 'Storage may name the runtime and worker message types (import type), never their code.' },
      ] }],
    },
  },
  {
    // The workers run beside the page: they share storage and the pure core, never the page's editor or views.
    files: ['src/worker/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: layers('ui', 'store', 'app'), message: 'A worker must not import the page (src/ui, src/store, src/app): shared code belongs in src/storage or the core.' }] }],
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
