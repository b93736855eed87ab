/**
 * Evaluation form items and the rules for answering them: which definitions are valid, which answers
 * fit a form version, and how a diagnostic test is scored. Pure: no framework, no database.
 */

export const ITEM_KINDS = ['likert', 'single_choice', 'multiple_choice', 'number', 'short_text', 'long_text'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export const FORM_KINDS = ['daily', 'final', 'diagnostic'] as const;
export type FormKind = (typeof FORM_KINDS)[number];

export interface Label {
  es: string;
  en: string;
}

export interface ItemOption {
  id: string;
  label: Label;
}

export interface FormItem {
  /** Stable within a form across versions; reports group answers by it. */
  id: string;
  kind: ItemKind;
  prompt: Label;
  required: boolean;
  /** single_choice and multiple_choice. */
  options?: ItemOption[];
  /** number: the accepted range. */
  min?: number;
  max?: number;
  /** likert only: answered once for each facilitator of the seminar (openness, climate of equality). */
  perFacilitator?: boolean;
  /** Diagnostic tests: the right answer (an option id, a set of option ids, or a number) and its points. */
  correct?: string | string[] | number;
  points?: number;
}

export const SHORT_TEXT_MAX = 300;
export const LONG_TEXT_MAX = 4000;
export const MAX_ITEMS = 30;
export const MAX_OPTIONS = 12;
const ID_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;

export interface DefinitionProblem {
  field: string;
  problem: string;
}

/** Everything wrong with a form definition; empty when it is valid. */
export function definitionProblems(kind: FormKind, items: FormItem[]): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const add = (field: string, problem: string) => problems.push({ field, problem });
  if (items.length === 0) add('items', 'a form needs at least one item');
  if (items.length > MAX_ITEMS) add('items', `at most ${MAX_ITEMS} items`);
  const ids = new Set<string>();
  items.forEach((item, index) => {
    const at = `items[${index}]`;
    if (!ID_PATTERN.test(item.id)) add(`${at}.id`, 'lowercase letters, digits and underscores, starting with a letter');
    if (ids.has(item.id)) add(`${at}.id`, 'used twice');
    ids.add(item.id);
    const choice = item.kind === 'single_choice' || item.kind === 'multiple_choice';
    if (choice) {
      const options = item.options ?? [];
      if (options.length < 2 || options.length > MAX_OPTIONS)
        add(`${at}.options`, `between 2 and ${MAX_OPTIONS} options`);
      const optionIds = new Set(options.map((option) => option.id));
      if (optionIds.size !== options.length) add(`${at}.options`, 'option ids must differ');
      options.forEach(
        (option, o) =>
          !ID_PATTERN.test(option.id) && add(`${at}.options[${o}].id`, 'lowercase letters, digits and underscores'),
      );
    } else if (item.options !== undefined) add(`${at}.options`, 'only choice items have options');
    if (item.kind === 'number') {
      if (item.min !== undefined && item.max !== undefined && item.min > item.max)
        add(`${at}.max`, 'must not be below min');
    } else if (item.min !== undefined || item.max !== undefined) add(`${at}.min`, 'only number items have a range');
    if (item.perFacilitator && item.kind !== 'likert')
      add(`${at}.perFacilitator`, 'only Likert items are answered per facilitator');
    if (item.perFacilitator && kind === 'diagnostic')
      add(`${at}.perFacilitator`, 'diagnostic tests do not rate facilitators');
    const scored = item.correct !== undefined || item.points !== undefined;
    if (scored) {
      if (kind !== 'diagnostic') add(`${at}.correct`, 'only diagnostic tests have correct answers');
      else if (item.correct === undefined || item.points === undefined)
        add(`${at}.correct`, 'a scored item needs both a correct answer and points');
      else if (!(item.points > 0)) add(`${at}.points`, 'must be positive');
      else if (!correctFits(item)) add(`${at}.correct`, 'does not fit the item');
    }
  });
  if (kind === 'diagnostic' && !items.some((item) => item.points !== undefined))
    add('items', 'a diagnostic test needs at least one scored item');
  return problems;
}

function correctFits(item: FormItem): boolean {
  const optionIds = new Set((item.options ?? []).map((option) => option.id));
  switch (item.kind) {
    case 'single_choice':
      return typeof item.correct === 'string' && optionIds.has(item.correct);
    case 'multiple_choice':
      return Array.isArray(item.correct) && item.correct.length > 0 && item.correct.every((id) => optionIds.has(id));
    case 'number':
      return typeof item.correct === 'number' && Number.isFinite(item.correct);
    default:
      return false;
  }
}

/** One stored answer: a number (Likert, number), one choice, or a text; per facilitator where the item asks. */
export interface AnswerRow {
  itemId: string;
  facilitatorId: string | null;
  numberValue: number | null;
  choice: string | null;
  textValue: string | null;
}

export interface AnswerProblem {
  itemId: string;
  problem: 'required' | 'unknown_item' | 'out_of_range' | 'not_an_option' | 'wrong_type' | 'too_long' | 'facilitators';
}

export interface CheckedAnswers {
  rows: AnswerRow[];
  problems: AnswerProblem[];
  /** Diagnostic tests only. */
  score: number | null;
  maxScore: number | null;
}

/**
 * Checks answers (item id → value) against a form version and turns them into rows. Values: Likert an
 * integer 1–5 (per facilitator: an object facilitator id → 1–5 covering every facilitator), single
 * choice an option id, multiple choice a list of option ids, number a finite number in range, texts a
 * string. Blank texts and nulls count as unanswered.
 */
export function checkAnswers(
  items: FormItem[],
  answers: Record<string, unknown>,
  facilitatorIds: string[],
): CheckedAnswers {
  const rows: AnswerRow[] = [];
  const problems: AnswerProblem[] = [];
  const known = new Set(items.map((item) => item.id));
  for (const itemId of Object.keys(answers)) if (!known.has(itemId)) problems.push({ itemId, problem: 'unknown_item' });
  let score = 0;
  let maxScore = 0;
  let scored = false;
  for (const item of items) {
    const value = answers[item.id];
    if (item.points !== undefined) {
      scored = true;
      maxScore += item.points;
    }
    if (isUnanswered(value)) {
      if (item.required) problems.push({ itemId: item.id, problem: 'required' });
      continue;
    }
    const before = problems.length;
    const fail = (problem: AnswerProblem['problem']) => problems.push({ itemId: item.id, problem });
    const row = (values: Partial<AnswerRow>): AnswerRow => ({
      itemId: item.id,
      facilitatorId: null,
      numberValue: null,
      choice: null,
      textValue: null,
      ...values,
    });
    const out: AnswerRow[] = [];
    switch (item.kind) {
      case 'likert':
        if (item.perFacilitator) {
          if (typeof value !== 'object' || value === null || Array.isArray(value)) {
            fail('wrong_type');
            break;
          }
          const ratings = value as Record<string, unknown>;
          const given = Object.keys(ratings).filter((id) => !isUnanswered(ratings[id]));
          if (given.some((id) => !facilitatorIds.includes(id))) fail('facilitators');
          else if (item.required && given.length < facilitatorIds.length) fail('required');
          else
            for (const id of given) {
              if (!isLikert(ratings[id])) fail('out_of_range');
              else out.push(row({ facilitatorId: id, numberValue: ratings[id] as number }));
            }
        } else if (!isLikert(value)) fail(typeof value === 'number' ? 'out_of_range' : 'wrong_type');
        else out.push(row({ numberValue: value as number }));
        break;
      case 'number':
        if (typeof value !== 'number' || !Number.isFinite(value)) fail('wrong_type');
        else if ((item.min !== undefined && value < item.min) || (item.max !== undefined && value > item.max))
          fail('out_of_range');
        else out.push(row({ numberValue: value }));
        break;
      case 'single_choice':
        if (typeof value !== 'string') fail('wrong_type');
        else if (!item.options!.some((option) => option.id === value)) fail('not_an_option');
        else out.push(row({ choice: value }));
        break;
      case 'multiple_choice': {
        if (!Array.isArray(value) || value.some((choice) => typeof choice !== 'string')) {
          fail('wrong_type');
          break;
        }
        const chosen = [...new Set(value as string[])];
        if (chosen.length === 0) {
          if (item.required) fail('required');
        } else if (chosen.some((choice) => !item.options!.some((option) => option.id === choice)))
          fail('not_an_option');
        else out.push(...chosen.map((choice) => row({ choice })));
        break;
      }
      case 'short_text':
      case 'long_text': {
        if (typeof value !== 'string') {
          fail('wrong_type');
          break;
        }
        const trimmed = value.trim();
        if (trimmed.length > (item.kind === 'short_text' ? SHORT_TEXT_MAX : LONG_TEXT_MAX)) fail('too_long');
        else out.push(row({ textValue: trimmed }));
        break;
      }
    }
    if (problems.length > before) continue;
    rows.push(...out);
    if (item.points !== undefined && isCorrect(item, out)) score += item.points;
  }
  return { rows, problems, score: scored ? score : null, maxScore: scored ? maxScore : null };
}

function isUnanswered(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function isLikert(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5;
}

function isCorrect(item: FormItem, rows: AnswerRow[]): boolean {
  switch (item.kind) {
    case 'single_choice':
      return rows.length === 1 && rows[0].choice === item.correct;
    case 'multiple_choice': {
      const expected = new Set(item.correct as string[]);
      return rows.length === expected.size && rows.every((row) => expected.has(row.choice!));
    }
    case 'number':
      return rows.length === 1 && rows[0].numberValue === item.correct;
    default:
      return false;
  }
}

/** The answers as the respondent gave them, rebuilt from the stored rows (for their own view). */
export function answersFromRows(items: FormItem[], rows: AnswerRow[]): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const item of items) {
    const mine = rows.filter((row) => row.itemId === item.id);
    if (mine.length === 0) continue;
    if (item.perFacilitator)
      answers[item.id] = Object.fromEntries(mine.map((row) => [row.facilitatorId, row.numberValue]));
    else if (item.kind === 'multiple_choice') answers[item.id] = mine.map((row) => row.choice);
    else if (item.kind === 'single_choice') answers[item.id] = mine[0].choice;
    else if (item.kind === 'likert' || item.kind === 'number') answers[item.id] = mine[0].numberValue;
    else answers[item.id] = mine[0].textValue;
  }
  return answers;
}
