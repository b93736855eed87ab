import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { projectRoot } from '../../config/project-root';
import { formatDate, formatDateRange, formatLongDate, formatLongDateList, formatMonth } from './dates';
import { type Bilingual, DEFAULT_LANGUAGE, LANGUAGES, LOCALES, type Language } from './text';

/** A value that is written differently in each language (a date, a nested message). */
export interface Localized {
  readonly localize: (language: Language) => string;
}

export type MessageParam = string | number | Localized | Text;

export type MessageParams = Readonly<Record<string, MessageParam>>;

/**
 * A sentence people read, named by its key in the catalogues (`messages/<language>/<namespace>.json`,
 * ICU MessageFormat) and translated where the reader's language is known.
 */
export interface Message {
  readonly key: string;
  readonly params?: MessageParams;
}

/** Anything people read: a catalogue message, or words held as data in both languages. */
export type Text = Message | Bilingual;

/** One language's messages, every namespace file merged: key → ICU source. */
export type Catalogue = ReadonlyMap<string, string>;

export function cataloguesFolder(): string {
  return join(projectRoot(), 'messages');
}

/**
 * Reads `messages/<language>/*.json`. Each file is a namespace whose keys all start with its name
 * (`certificates.json` holds `certificates.*`), so a key says where it is written.
 */
export function readCatalogue(language: string, folder = cataloguesFolder()): Catalogue {
  const entries = new Map<string, string>();
  for (const file of readdirSync(join(folder, language))
    .filter((name) => name.endsWith('.json'))
    .sort()) {
    const namespace = file.slice(0, -'.json'.length);
    const content = JSON.parse(readFileSync(join(folder, language, file), 'utf8')) as Record<string, unknown>;
    for (const [key, source] of Object.entries(content)) {
      if (!key.startsWith(`${namespace}.`))
        throw new Error(`messages/${language}/${file}: key "${key}" must start with "${namespace}."`);
      if (typeof source !== 'string') throw new Error(`messages/${language}/${file}: "${key}" is not a string`);
      entries.set(key, source);
    }
  }
  return entries;
}

let catalogues: Map<Language, Catalogue> | undefined;
const compiled = new Map<string, IntlMessageFormat>();

function catalogue(language: Language): Catalogue {
  catalogues ??= new Map(LANGUAGES.map((each) => [each, readCatalogue(each)]));
  return catalogues.get(language)!;
}

/**
 * A message from the catalogues. The key must be written out (never built), so that the catalogue
 * test can tell which keys the code uses.
 */
export function message(key: string, params?: MessageParams): Message {
  if (!catalogue(DEFAULT_LANGUAGE).has(key)) throw new Error(`No message "${key}" in the catalogues`);
  return params ? { key, params } : { key };
}

export function isMessage(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && typeof (value as Message).key === 'string';
}

function isLocalized(value: unknown): value is Localized {
  return typeof value === 'object' && value !== null && typeof (value as Localized).localize === 'function';
}

function format(key: string, language: Language): IntlMessageFormat {
  const id = `${language}\u0000${key}`;
  let result = compiled.get(id);
  if (!result) {
    const source = catalogue(language).get(key) ?? catalogue(DEFAULT_LANGUAGE).get(key);
    if (source === undefined) throw new Error(`No message "${key}" in the catalogues`);
    result = new IntlMessageFormat(source, LOCALES[language], undefined, { ignoreTag: true });
    compiled.set(id, result);
  }
  return result;
}

/** The text in the reader's language. */
export function translate(text: Text, language: Language): string {
  if (!isMessage(text)) return text[language];
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(text.params ?? {})) {
    values[name] = typeof value === 'string' || typeof value === 'number' ? value : localize(value, language);
  }
  return String(format(text.key, language).format(values));
}

function localize(value: Localized | Text, language: Language): string {
  return isLocalized(value) ? value.localize(language) : translate(value, language);
}

/** Several values as one parameter, each in the reader's language, joined with commas. */
export function listParam(items: readonly (Localized | Text)[], separator = ', '): Localized {
  return { localize: (language) => items.map((item) => localize(item, language)).join(separator) };
}

/** A month ('2027-03') as people read it: «marzo de 2027», «March 2027». */
export function monthParam(month: string): Localized {
  return { localize: (language) => formatMonth(month, language) };
}

/** Words held as data, as a message parameter. */
export function bilingual(value: Bilingual): Localized {
  return { localize: (language) => value[language] };
}

/** A calendar date ('2027-03-22') as people read it: «22 de marzo de 2027», «March 22, 2027». */
export function dateParam(date: string): Localized {
  return { localize: (language) => formatDate(date, language) };
}

/** A calendar date with its weekday. */
export function longDateParam(date: string): Localized {
  return { localize: (language) => formatLongDate(date, language) };
}

/** A span of calendar dates. */
export function dateRangeParam(from: string, to: string): Localized {
  return { localize: (language) => formatDateRange(from, to, language) };
}

/** Several dates in full, separated by semicolons. */
export function longDateListParam(dates: string[]): Localized {
  return { localize: (language) => formatLongDateList(dates, language) };
}
