import { Anchor, Code, List, Text, Title } from '@mantine/core';
import { Lexer, type Token, type Tokens } from 'marked';
import { Fragment, useMemo, type ReactNode } from 'react';

/**
 * Markdown as React elements, from marked's tokens: no HTML string ever reaches the page, so
 * nothing a writer types can run (raw HTML shows as the text it is), and links lead only to web
 * and mail addresses. Images show their description: a case's pictures are its attached files.
 */
export function Markdown({ source }: { source: string }) {
  const tokens = useMemo(() => Lexer.lex(source, { gfm: true, breaks: true }), [source]);
  return <div className="cases-markdown">{blocks(tokens)}</div>;
}

function blocks(tokens: Token[]): ReactNode {
  return tokens.map((token, i) => <Fragment key={i}>{block(token)}</Fragment>);
}

function block(token: Token): ReactNode {
  switch (token.type) {
    case 'space':
      return null;
    case 'heading': {
      const t = token as Tokens.Heading;
      // The page's own headings are h1 and h2: a case's start below them.
      const order = Math.min(6, t.depth + 2) as 3 | 4 | 5 | 6;
      return (
        <Title order={order} size="h4" mt="sm">
          {inline(t.tokens)}
        </Title>
      );
    }
    case 'paragraph':
      return <Text mb="sm">{inline((token as Tokens.Paragraph).tokens)}</Text>;
    case 'text': {
      const t = token as Tokens.Text;
      return <Text mb="sm">{t.tokens ? inline(t.tokens) : t.text}</Text>;
    }
    case 'list': {
      const t = token as Tokens.List;
      return (
        <List
          type={t.ordered ? 'ordered' : 'unordered'}
          start={t.ordered && t.start !== '' ? Number(t.start) : undefined}
          mb="sm"
          withPadding
        >
          {t.items.map((item, i) => (
            <List.Item key={i}>{listItem(item)}</List.Item>
          ))}
        </List>
      );
    }
    case 'blockquote':
      return <blockquote className="cases-quote">{blocks((token as Tokens.Blockquote).tokens)}</blockquote>;
    case 'code':
      return (
        <Code block mb="sm">
          {(token as Tokens.Code).text}
        </Code>
      );
    case 'hr':
      return <hr />;
    case 'table': {
      const t = token as Tokens.Table;
      return (
        <div className="cases-table">
          <table>
            <thead>
              <tr>
                {t.header.map((cell, i) => (
                  <th key={i} scope="col">
                    {inline(cell.tokens)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {t.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, i) => (
                    <td key={i}>{inline(cell.tokens)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    }
    case 'html':
      return <Text mb="sm">{(token as Tokens.HTML).text}</Text>;
    default:
      return 'raw' in token ? <Text mb="sm">{token.raw}</Text> : null;
  }
}

function listItem(item: Tokens.ListItem): ReactNode {
  // A tight list's item holds text tokens, which read as inline text, not paragraphs.
  return item.tokens.map((token, i) =>
    token.type === 'text' ? (
      <Fragment key={i}>
        {(token as Tokens.Text).tokens ? inline((token as Tokens.Text).tokens!) : (token as Tokens.Text).text}
      </Fragment>
    ) : (
      <Fragment key={i}>{block(token)}</Fragment>
    ),
  );
}

function inline(tokens: Token[]): ReactNode {
  return tokens.map((token, i) => <Fragment key={i}>{span(token)}</Fragment>);
}

const SAFE_LINK = /^(https?:|mailto:)/i;

function span(token: Token): ReactNode {
  switch (token.type) {
    case 'text': {
      const t = token as Tokens.Text;
      return t.tokens ? inline(t.tokens) : t.text;
    }
    case 'escape':
      return (token as Tokens.Escape).text;
    case 'strong':
      return <strong>{inline((token as Tokens.Strong).tokens)}</strong>;
    case 'em':
      return <em>{inline((token as Tokens.Em).tokens)}</em>;
    case 'del':
      return <del>{inline((token as Tokens.Del).tokens)}</del>;
    case 'codespan':
      return <Code>{(token as Tokens.Codespan).text}</Code>;
    case 'br':
      return <br />;
    case 'link': {
      const t = token as Tokens.Link;
      if (!SAFE_LINK.test(t.href.trim())) return inline(t.tokens);
      return (
        <Anchor href={t.href} target="_blank" rel="noopener noreferrer">
          {inline(t.tokens)}
        </Anchor>
      );
    }
    case 'image':
      return (token as Tokens.Image).text;
    case 'html':
      return (token as Tokens.HTML).text;
    default:
      return 'raw' in token ? token.raw : null;
  }
}
