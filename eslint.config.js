// The linter's rules for the whole tree: the recommended sets of ESLint, typescript-eslint
// and the Lit and web-component plugins; layout is Prettier's (.prettierrc.json), not a lint rule.
import js from '@eslint/js'
import prettier from 'eslint-config-prettier'
import lit from 'eslint-plugin-lit'
import wc from 'eslint-plugin-wc'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['client/dist/**', 'client/locales/**', 'migrations/**', 'node_modules/**', 'test-results/**', 'coverage/**'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // An unused binding named `_…` is a deliberate placeholder (a destructured field left out, an ignored argument).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    // The database is async on every engine: a query or write left unawaited is a bug.
    files: ['server/**/*.ts', 'db/**/*.ts', 'tests/**/*.ts', 'bench/**/*.ts', 'torture/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
    },
  },
  {
    files: ['client/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    ...lit.configs['flat/recommended'],
  },
  { files: ['client/**/*.ts'], ...wc.configs['flat/recommended'] },
  {
    files: ['tests/**/*.ts', 'bench/**/*.ts', 'torture/**/*.ts'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  prettier,
)
