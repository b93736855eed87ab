/**
 * Lets ES-module dependencies run in Jest's CommonJS module system:
 * - `createRequire(import.meta.url)` becomes Jest's own `require`, so modules loaded through it
 *   share Jest's registry with everything else (one copy of typeorm, one of @nestjs/common);
 * - a module-level binding named `require` is renamed so it does not shadow CommonJS `require`;
 * - any other `import.meta.url` becomes the file URL of the module.
 */
module.exports = function esmInterop({ template, types: t }) {
  const isImportMetaUrl = (node) =>
    t.isMemberExpression(node) && t.isMetaProperty(node.object) && t.isIdentifier(node.property, { name: 'url' });
  return {
    visitor: {
      Program(path) {
        if (path.scope.hasOwnBinding('require')) path.scope.rename('require', '__esmRequire');
      },
      CallExpression(path) {
        const { callee, arguments: args } = path.node;
        if (t.isIdentifier(callee, { name: 'createRequire' }) && args.length === 1 && isImportMetaUrl(args[0])) {
          path.replaceWith(t.identifier('require'));
        }
      },
      MetaProperty(path) {
        if (isImportMetaUrl(path.parent)) {
          path.parentPath.replaceWith(template.expression.ast`require('node:url').pathToFileURL(__filename).href`);
        }
      },
    },
  };
};
