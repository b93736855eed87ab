module.exports = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.spec.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    '^.+\\.js$': ['babel-jest', { babelrc: false, configFile: false, plugins: [require.resolve('./test/support/import-meta-url.babel.js'), ['@babel/plugin-transform-modules-commonjs', { importInterop: 'node' }]] }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|uid|load-esm|file-type)/)'],
};
