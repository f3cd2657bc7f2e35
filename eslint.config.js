import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['error', 'warn'] }],
    },
  },
  {
    files: ['src/server/cli/**', 'scripts/**', 'bench/**', 'eval/**'],
    rules: { 'no-console': 'off' },
  },
  {
    // Feature folders are rooms: another feature is reached only through its public.ts, or its
    // contract (<feature>.schemas.ts: the zod request and response schemas the web app imports too).
    files: ['src/server/features/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{
          regex: '^\\.\\./(?!\\.\\.)[^/]+/(?!public(\\.js)?$)(?![a-z-]+\\.schemas(\\.js)?$)',
          message: 'Import another feature only through its public.ts or its <feature>.schemas.ts contract.',
        }],
      }],
    },
  },
);
