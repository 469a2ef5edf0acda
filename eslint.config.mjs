// Type-checked lint rules for the whole project; layer rules live in .dependency-cruiser.cjs.
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
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['botbuilder', 'botbuilder-*', 'botframework-*'], message: 'botbuilder only under src/bot' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/bot/**', 'test/**', 'bench/**', 'scripts/**', 'src/http/server.ts', 'src/main.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
