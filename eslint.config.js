const js = require('@eslint/js')
const tseslint = require('typescript-eslint')
const prettier = require('eslint-config-prettier')

module.exports = tseslint.config(
  { ignores: ['node_modules/', 'coverage/', 'dist/', 'upstream-toolchain/node_modules/', 'upstream-toolchain/runs/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ['**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { module: 'writable', require: 'readonly', process: 'readonly', __dirname: 'readonly' }
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' }
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // Upstream formats with prettier 2.4, which cannot parse `import { a, type B }`: type imports stand alone.
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'separate-type-imports' }
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportSpecifier[importKind="type"]',
          message:
            "Import types with their own `import type { ... } from '...'`: upstream's prettier 2.4 cannot parse an inline `type`."
        },
        {
          selector: 'ExportSpecifier[exportKind="type"]',
          message:
            "Export types with their own `export type { ... } from '...'`: upstream's prettier 2.4 cannot parse an inline `type`."
        }
      ]
    }
  }
)
