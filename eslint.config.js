import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'ui/dist/**', 'data/**', 'test-artifacts/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The domain stays free of transports and drivers (DESIGN.md): only adapters may import them.
    files: ['core/**/*.ts'],
    ignores: ['core/**/redis.ts', 'core/**/mongo.ts', 'core/**/bullmq.ts', 'core/store/sqlite*.ts', 'core/**/*.test.ts', 'core/**/contract.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['express', 'socket.io', 'ioredis', 'bullmq', 'mongoose', 'better-sqlite3'] }],
    },
  },
);
