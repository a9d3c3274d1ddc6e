import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['dist/', 'docs/api/', 'coverage/', 'reports/', '.stryker-tmp/', 'test/.examples/', '.tmp-*/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^fp-ts/(?!lib/).+',
              message: "fp-ts 2 has no exports map: Node's ESM loader cannot resolve 'fp-ts/Either'. Import 'fp-ts/lib/Either.js'."
            }
          ]
        }
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='Math'][property.name='random']", message: 'The library is pure: take a random source as an argument.' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'The library is pure: take the time as an argument.' },
        { selector: "MemberExpression[object.name='Date'][property.name='now']", message: 'The library is pure: take the time as an argument.' }
      ]
    }
  },
  {
    files: ['scripts/**', 'bench/**', 'demo/**', 'test/**', '*.config.{js,mjs,ts}', 'vitest.setup.ts'],
    rules: { 'no-restricted-syntax': 'off', 'no-restricted-imports': 'off' }
  }
)
