// Rewrites `import.meta.url` so that ESM-only dependencies can run in Jest's CommonJS module system.
module.exports = function importMetaUrl({ template }) {
  return {
    visitor: {
      MetaProperty(path) {
        const parent = path.parentPath;
        if (parent.isMemberExpression() && parent.node.property.name === 'url') {
          parent.replaceWith(template.expression.ast`require('node:url').pathToFileURL(__filename).href`);
        }
      },
    },
  };
};
