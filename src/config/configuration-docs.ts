import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as markdownPlugin from 'prettier/plugins/markdown';
import type { Options } from 'prettier';
import { format } from 'prettier/standalone';
import { projectRoot } from './project-root';
import { defaultText, MASK } from './read-setting';
import { CONFIG_SECTIONS } from './sections';
import type { ConfigSection, Setting } from './setting';

/** The generated reference of every environment variable, relative to the project root. */
export const CONFIGURATION_DOCS = 'docs/configuration.md';

const INTRO = `# Configuration

Puente reads its configuration from environment variables, once, at start-up. Values are trimmed and
a blank value counts as unset. A refused value stops the start with a message naming the variable;
messages never quote the value of a secret, which shows as \`${MASK}\`.

This file is generated from the descriptors in \`src/config/sections/\`: after changing them, run
\`npm run docs:config\`.`;

const TYPES: Record<Setting['kind'], string> = {
  integer: 'integer',
  decimal: 'number',
  choice: 'choice',
  text: 'text',
  url: 'URL',
  email: 'email address',
  path: 'path',
  timeZone: 'time zone',
  cron: 'cron expression',
  clockTime: 'time of day',
  list: 'list',
  entries: 'list',
  keyPrefix: 'path',
  ed25519Jwk: 'JSON Web Key',
};

const code = (text: string) => `\`${text}\``;

/** What the variable accepts, beyond its type. */
function range(setting: Setting): string {
  switch (setting.kind) {
    case 'integer':
    case 'decimal':
      return `${setting.min} to ${setting.max}`;
    case 'choice':
      return setting.values.map(code).join(', ');
    case 'text':
      return [
        setting.pattern ? setting.expected : undefined,
        setting.minLength && `at least ${setting.minLength} characters`,
      ]
        .filter(Boolean)
        .join('; ');
    case 'url':
      return setting.protocols.map(code).join(' or ');
    case 'email':
    case 'path':
      return '';
    case 'timeZone':
      return 'an IANA time zone, such as `Europe/Madrid`';
    case 'cron':
      return 'five fields';
    case 'clockTime':
      return '`00:00` to `23:59`';
    case 'list':
      return `${setting.expected}, separated by ${code(setting.separator)}`;
    case 'entries':
      return setting.expected;
    case 'keyPrefix':
      return 'segments of letters, digits, `.`, `_` or `-`, separated by `/`';
    case 'ed25519Jwk':
      return 'an Ed25519 private key with `x` and `d`';
  }
}

function defaultCell(setting: Setting): string {
  const text = defaultText(setting);
  if (text !== undefined) return text === '' ? 'empty' : code(setting.secret ? MASK : text);
  if (setting.requiredWhen) return `required ${setting.requiredWhen}`;
  return setting.whenUnset ?? 'unset';
}

/** A table cell: pipes would end the cell, even inside code. */
const cell = (text: string) => text.replace(/\|/g, '\\|');

function table(section: ConfigSection): string {
  const rows = section.settings.map((setting) =>
    [
      code(setting.name),
      TYPES[setting.kind],
      defaultCell(setting),
      range(setting),
      setting.secret ? 'yes' : 'no',
      setting.description,
    ].map(cell),
  );
  return [
    ['Variable', 'Type', 'Default', 'Range', 'Secret', 'Description'],
    ['---', '---', '---', '---', '---', '---'],
    ...rows,
  ]
    .map((row) => `| ${row.join(' | ')} |`)
    .join('\n');
}

/**
 * docs/configuration.md as the descriptors give it, formatted with the repository's Prettier
 * settings so that the format check passes on it. Prettier's standalone build is used because its
 * main entry loads itself by a dynamic import, which Jest's CommonJS runtime cannot run.
 */
export async function renderConfigurationDocs(): Promise<string> {
  const markdown = [
    INTRO,
    ...CONFIG_SECTIONS.map((section) => `## ${section.title}\n\n${section.summary}\n\n${table(section)}`),
  ].join('\n\n');
  const options = JSON.parse(readFileSync(join(projectRoot(), '.prettierrc.json'), 'utf8')) as Options;
  return format(`${markdown}\n`, { ...options, parser: 'markdown', plugins: [markdownPlugin] });
}
