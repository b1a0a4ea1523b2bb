import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', 'data', 'test-output', 'dist', 'web/dist', 'scratch'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // With noUncheckedIndexedAccess, `!` marks an index the code has just checked.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // The web application runs in the browser: no Node globals or modules, and from src/ only
    // the modules that are free of Node (the shared vocabularies); types may come from anywhere.
    files: ['web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require', '__dirname', '__filename'],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'crypto'],
              message: 'The web application runs in the browser.',
              allowTypeImports: true,
            },
            {
              regex:
                '^@headstamp/(?!(incidents/vocabulary|items/vocabulary|leads/vocabulary|leads/facts|core/vocabulary|core/text|core/historical-countries|core/countries|access/policy|exports/formats|tracing/vocabulary)$)',
              message:
                'Only Node-free modules of src/ (the vocabularies, the access rules) may be bundled; import other things with `import type`.',
              allowTypeImports: true,
            },
            {
              regex: '^(\\.\\./)+src/',
              message: 'Import the shared server code through the @headstamp alias.',
            },
          ],
        },
      ],
    },
  },
);
