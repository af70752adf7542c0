import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // noUncheckedIndexedAccess makes every index and regex group possibly undefined; a `!` after a
      // check the compiler cannot follow is clearer than a dead branch.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: [
      'addin/src/**/*.{ts,tsx}',
      'addin/harness/**/*.{ts,tsx}',
      'test/addin/pane/**/*.{ts,tsx}',
      'console/src/**/*.{ts,tsx}',
    ],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Layering (DESIGN §3): shared/ is pure and runs in the browser too; it never imports server or Node code.
    files: ['shared/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['node:*', '@workplace-sync/server', '@workplace-sync/emulators', '@workplace-sync/addin'] },
      ],
    },
  },
  {
    // The sync core is pure: no adapters, no storage, no I/O.
    files: ['server/src/sync/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['**/adapters/**', '**/storage/**', '**/jobs/**', '**/routes/**', 'node:*'] },
      ],
    },
  },
);
