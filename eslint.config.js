import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/**
 * The import directions of docs/architecture.md, checked on every lint: lower layers never
 * reach up. ESLint keeps one option set per rule and file (the last block wins), so each
 * block carries every pattern that applies to its files. Type-only imports create no run-time
 * dependency and are allowed where a rule says so.
 */
function layerRules() {
  const pattern = (regex, message, allowTypeImports = false) => ({ regex, message, allowTypeImports });
  const routesOnlyFromApp = pattern(
    '\\.routes$',
    'Only src/server/app.ts registers route files; share code through a .service, .queries or .schema file.',
  );
  const block = (files, patterns, ignores = []) => ({
    files,
    ignores: ['**/*.test.ts', ...ignores],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [routesOnlyFromApp, ...patterns] }],
    },
  });
  return [
    block(['src/**/*.ts'], [], ['src/server/app.ts']),
    block(
      ['src/core/**/*.ts'],
      [pattern('^\\.\\./', 'core/ is the bottom layer: it imports nothing else of src/.')],
    ),
    block(['src/records/**/*.ts'], [pattern('^\\.\\./(?!core/)', 'records/ imports only core/.')]),
    block(
      ['src/db/**/*.ts'],
      [
        pattern(
          '^\\.\\./(?!core/|[a-z-]+/vocabulary$|reference/data/types$)',
          "db/ knows no domain: it may take the vocabularies' types, nothing else.",
        ),
        pattern('^\\.\\./(?!core/)', 'db/ may only take types from the vocabularies.', true),
      ],
    ),
    block(
      ['src/**/*.record.ts', 'src/**/*.repository.ts'],
      [
        pattern(
          '^\\.\\./(?!core/|records/|db/|[a-z-]+/vocabulary$)',
          'Records and repositories import only core/, records/, db/ and vocabularies.',
          true,
        ),
        pattern(
          '^\\./.*\\.(service|queries|schema)$',
          'Records and repositories sit below services, queries and API schemas.',
          true,
        ),
      ],
    ),
    block(
      ['src/**/*.service.ts', 'src/**/*.queries.ts'],
      [
        pattern(
          '^(\\.\\./)+(server|cli)/',
          'Services and queries are called by the server and the CLI, never the other way round.',
        ),
      ],
    ),
  ];
}

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
  ...layerRules(),
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
                '^@headstamp/(?!(incidents/vocabulary|items/vocabulary|leads/vocabulary|leads/facts|core/vocabulary|core/text|core/dates|leads/explain|reference/vocabulary|core/historical-countries|core/countries|core/grammar|access/policy|access/vocabulary|exports/formats|tracing/vocabulary|core/problems|evidence/media-types|search/limits)$)',
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
