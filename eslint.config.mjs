// Type-checked lint rules for the whole project; layer rules (botbuilder only under src/bot, no
// cycles …) live in .dependency-cruiser.cjs.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'build/**', 'var/**', 'coverage/**', 'node_modules/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      // A `let` assigned once later but read earlier by a closure (main.ts wires the proactive sender
      // that exists only once the bot does) cannot become a const.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  {
    // One translation mechanism (src/i18n/catalog.ts): texts come from a typed catalog per area, never
    // from a comparison with a language code; src/i18n itself is where languages differ in form.
    files: ['src/**'],
    ignores: ['src/i18n/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'BinaryExpression[operator=/^[!=]==?$/] > Literal[value=/^(de|en)$/]',
          message:
            'Texts per language come from a catalog (defineCatalog in src/i18n/catalog.ts), not from comparing the language.',
        },
      ],
    },
  },
  {
    files: ['test/**'],
    rules: {
      // Test doubles implement async ports (meeting providers, senders, router handlers) as plain
      // `async` methods that have nothing to await; wrapping each result in Promise.resolve would say less.
      '@typescript-eslint/require-await': 'off',
    },
  },
);
