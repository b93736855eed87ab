// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The modules in the order of the architecture: each may import those before it, never those
 * after it, so that dependencies run one way (docs/architecture.md).
 */
export const MODULE_ORDER = [
  'identity',
  'directory',
  'topics',
  'seminars',
  'needs',
  'matching',
  'enrolment',
  'cases',
  'attendance',
  'evaluations',
  'certificates',
  'contacts',
  'reports',
  'health',
];

/** Folders of plain TypeScript: rules and algorithms that run without the framework or the database. */
export const PURE_FOLDERS = [
  'src/modules/matching/engine',
  'src/modules/cases/deidentification',
  'src/modules/cases/attachments',
  'src/modules/certificates/render',
  'src/modules/certificates/credential',
  'src/modules/seminars/schedule',
  'src/modules/seminars/calendar',
  'src/modules/evaluations/forms',
  'src/modules/evaluations/reports',
];

/** An import of one of `modules` by a relative path that leaves the importing module. */
const moduleImport = (modules, message) => ({
  regex: `^(\\.\\./)+(modules/)?(${modules.join('|')})(/|$)`,
  message,
});

const laterModules = (module) => MODULE_ORDER.slice(MODULE_ORDER.indexOf(module) + 1);

const orderPatterns = (module) => {
  const later = laterModules(module);
  return later.length === 0
    ? []
    : [
        moduleImport(
          later,
          `'${module}' comes before ${later.join(', ')} in the module order (${MODULE_ORDER.join(' → ')}), so it may not import them. ` +
            'Move what both need into the earlier module or src/common, or have the later module call this one.',
        ),
      ];
};

const PURE_PATTERNS = [
  {
    group: ['@nestjs/*', 'typeorm', 'typeorm/*', 'pg', 'pg-boss'],
    message:
      'This folder is plain TypeScript that runs without the framework or the database. ' +
      'Take what it needs as arguments, and do the injection and the queries in the service that calls it.',
  },
  {
    regex: '\\.(entity|repository|service|module|controller)$',
    message:
      'This folder is plain TypeScript: it may not import entities, repositories, services, modules or controllers. ' +
      'Describe its input with an interface of its own and map to it in the service that calls it.',
  },
];

const restricted = (patterns) => ['error', { patterns }];

const SHARED_FOLDERS = ['src/common', 'src/config', 'src/database', 'src/infrastructure'];

const NOW_MESSAGE =
  'Ask the Clock (src/common/time/clock.ts) for the current instant: inject it and call clock.now(), ' +
  "or use the database's now() when the other side of the comparison is kept on the database's clock.";

const NOW_SYNTAX = [
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: NOW_MESSAGE },
  { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: NOW_MESSAGE },
];

const REPOSITORY_SYNTAX = [
  {
    selector: "MethodDefinition > FunctionExpression[params.length>1] > Identifier.params:first-child[name='manager']",
    message:
      'A repository method takes the EntityManager last: `find(id, manager)`, required where the method must run ' +
      "inside the caller's transaction, `manager = this.dataSource.manager` where a read may run outside one.",
  },
];

export default tseslint.config(
  {
    ignores: ['dist/**', 'dist-bench/**', 'coverage/**', 'node_modules/**', '.data/**', 'web/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      // A variable that closures read before its one assignment (a server started after its signal handlers) stays `let`.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      'no-console': 'error',
    },
  },
  // Decorated classes need the runtime value of constructor and property types for dependency
  // injection and validation metadata, so type-only imports would break them.
  {
    files: ['src/**/*.ts'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  // Every "now" comes from the Clock, so tests can set the day a rule depends on.
  {
    files: ['src/**/*.ts'],
    ignores: ['src/common/time/**', 'src/**/*.spec.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...NOW_SYNTAX],
    },
  },
  // One signature order for repository methods: what to find first, the transaction last.
  {
    files: ['src/**/*.repository.ts'],
    rules: { 'no-restricted-syntax': ['error', ...NOW_SYNTAX, ...REPOSITORY_SYNTAX] },
  },
  // Shared folders serve every module and import none.
  {
    files: SHARED_FOLDERS.map((folder) => `${folder}/**/*.ts`),
    rules: {
      'no-restricted-imports': restricted([
        moduleImport(
          ['modules'],
          'Shared code (common, config, database, infrastructure) serves every module and imports none. ' +
            'Move the piece into the shared folder, or pass it in from the module.',
        ),
      ]),
    },
  },
  ...MODULE_ORDER.map((module) => ({
    files: [`src/modules/${module}/**/*.ts`],
    rules: { 'no-restricted-imports': restricted(orderPatterns(module)) },
  })),
  ...PURE_FOLDERS.map((folder) => ({
    files: [`${folder}/**/*.ts`],
    ignores: [`${folder}/**/*.spec.ts`, `${folder}/**/*.cli.ts`],
    rules: { 'no-restricted-imports': restricted([...orderPatterns(folder.split('/')[2]), ...PURE_PATTERNS]) },
  })),
  {
    files: ['test/**/*.ts', '**/*.spec.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    rules: {
      'no-console': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Tests read OpenAPI documents and response bodies as the plain JSON they are.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  prettier,
);
