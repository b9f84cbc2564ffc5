// `npm run lint`: typescript-eslint with type information (the project's own tsconfig through
// the project service), so rules such as no-floating-promises see the real types.
import eslint from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default defineConfig(
  {
    // The bench is its own package with its own dependencies (bench/package.json).
    ignores: [
      'node_modules/',
      'bench/',
      'data/',
      '**/dist/',
      'coverage/',
      // Vite's own configuration, outside the web app's tsconfig.
      'services/web/vite.config.ts',
      'test-artifacts/',
    ],
  },
  eslint.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
      // The TypeScript convention for a parameter a signature needs but the body does not.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      // An async method that awaits nothing still turns a throw into a rejected promise, which
      // is what the ports (EventStore, ...) promise their callers.
      '@typescript-eslint/require-await': 'off',
      // Deciders, presenters and ports are plain objects of functions, passed around detached;
      // none of them uses `this`.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // The web app (typed by gql-tada's generated file, which `npm run lint` writes first).
    files: ['services/web/src/**/*.ts', 'services/web/src/**/*.tsx'],
    extends: [reactHooks.configs.flat.recommended],
  },
  {
    // The stand-in compares protobuf enum values as they arrive on the wire, as numbers.
    files: ['tests/support/esdb-standin/**/*.ts'],
    rules: { '@typescript-eslint/no-unsafe-enum-comparison': 'off' },
  },
  {
    files: ['tests/**/*.ts'],
    rules: {},
  },
  {
    // Tests read GraphQL and JSON responses whose shape the assertions check; typing each
    // response would add nothing those assertions do not already say.
    files: ['tests/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
