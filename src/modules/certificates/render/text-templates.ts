import Handlebars from 'handlebars';

/** A compiled text: the variables it may use are fixed when it is compiled. */
export type TextTemplate = (variables: Record<string, unknown>) => string;

const BLOCK_HELPERS = new Set(['if', 'unless']);

/**
 * An isolated Handlebars environment: no helpers or partials registered by anyone else in the process
 * reach certificate texts.
 */
const handlebars = Handlebars.create();

/**
 * Compiles one text of a template, refusing anything but the documented variables.
 *
 * Handlebars' own `strict` mode only fails when a missing variable is reached while rendering, so a
 * misspelt variable inside an `{{#if}}` branch the sample data does not take would slip through the
 * load; instead the parsed text is checked here against the allow-list, at load: plain variables
 * (`{{holderName}}`), `{{#if x}}…{{else}}…{{/if}}` and `{{#unless x}}`, comments. No helpers with
 * arguments, no partials, no paths (`a.b`, `../a`, `this`), no `@data` and nothing outside the list
 * (so neither `{{constructor}}` nor `{{__proto__}}`). The compiled text also runs `strict`, without
 * prototype access, with only the `if`/`unless` helpers known, and gets its variables in an object
 * without a prototype.
 *
 * Certificates are PDF, not HTML: nothing is HTML-escaped.
 *
 * @throws Error naming the offending expression.
 */
export function compileText(source: string, allowed: ReadonlySet<string>): TextTemplate {
  const program = handlebars.parse(source);
  checkNode(program, allowed);
  const render = handlebars.compile(source, {
    strict: true,
    noEscape: true,
    knownHelpersOnly: true,
    knownHelpers: {
      if: true,
      unless: true,
      each: false,
      with: false,
      lookup: false,
      log: false,
      helperMissing: false,
      blockHelperMissing: false,
    },
  });
  return (variables) => {
    const context = Object.assign(Object.create(null) as Record<string, unknown>, variables);
    return render(context, {
      allowProtoPropertiesByDefault: false,
      allowProtoMethodsByDefault: false,
      helpers: {},
      partials: {},
      decorators: {},
    });
  };
}

type Node = hbs.AST.Node;

function checkNode(node: Node, allowed: ReadonlySet<string>): void {
  switch (node.type) {
    case 'Program':
      for (const statement of (node as hbs.AST.Program).body) checkNode(statement, allowed);
      return;
    case 'ContentStatement':
    case 'CommentStatement':
      return;
    case 'MustacheStatement': {
      const mustache = node as hbs.AST.MustacheStatement;
      if (mustache.params.length > 0 || mustache.hash)
        throw new Error(`helpers are not allowed: ${describe(mustache.path)}`);
      checkVariable(mustache.path, allowed);
      return;
    }
    case 'BlockStatement': {
      const block = node as hbs.AST.BlockStatement;
      const helper = block.path.type === 'PathExpression' ? (block.path as hbs.AST.PathExpression).original : '';
      if (!BLOCK_HELPERS.has(helper))
        throw new Error(`only {{#if}} and {{#unless}} blocks are allowed, not {{#${describe(block.path)}}}`);
      if (block.params.length !== 1 || block.hash) throw new Error(`{{#${helper}}} takes exactly one variable`);
      checkVariable(block.params[0], allowed);
      checkNode(block.program, allowed);
      if (block.inverse) checkNode(block.inverse, allowed);
      return;
    }
    default:
      throw new Error(`${node.type} is not allowed`);
  }
}

function checkVariable(expression: hbs.AST.Expression, allowed: ReadonlySet<string>): void {
  if (expression.type !== 'PathExpression') throw new Error(`only variables are allowed, not ${expression.type}`);
  const path = expression as hbs.AST.PathExpression;
  const name = path.parts[0];
  if (path.data || path.depth > 0 || path.parts.length !== 1 || path.original !== name || !allowed.has(name)) {
    throw new Error(`unknown variable {{${path.original}}} (allowed: ${[...allowed].join(', ')})`);
  }
}

function describe(expression: hbs.AST.Expression): string {
  return expression.type === 'PathExpression' ? (expression as hbs.AST.PathExpression).original : expression.type;
}
