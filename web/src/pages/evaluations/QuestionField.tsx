import { Text, TextInput, Textarea } from '@mantine/core';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { components } from '../../api/schema';

type Question = components['schemas']['QuestionDto'];
type Facilitator = components['schemas']['QuestionnaireFacilitatorDto'];
export type Answer = number | string | string[] | Record<string, number> | undefined;

interface FieldProps {
  item: Question;
  facilitators: Facilitator[];
  language: 'es' | 'en';
  value: Answer;
  onChange: (value: Answer) => void;
  error: string | undefined;
  readOnly: boolean;
}

const LIKERT = [1, 2, 3, 4, 5];

/**
 * One item of an evaluation as its own field: a Likert scale as five large buttons (one scale per
 * facilitator when asked per facilitator), choices as large rows, numbers and texts as inputs. The
 * service's message for the item shows beside it and is announced.
 */
export function QuestionField({ item, facilitators, language, value, onChange, error, readOnly }: FieldProps) {
  const { t } = useTranslation();
  const prompt = item.prompt[language];
  const errorId = useId();
  const described = error ? errorId : undefined;
  const errorText = error && (
    <Text id={errorId} c="var(--mantine-color-error)" size="sm" role="alert">
      {error}
    </Text>
  );

  if (item.kind === 'likert' && item.perFacilitator) {
    const each = (value as Record<string, number> | undefined) ?? {};
    return (
      <Group legend={prompt} required={item.required} describedBy={described}>
        {facilitators.map((f) => (
          <Likert
            key={f.personId}
            legend={f.fullName}
            value={each[f.personId]}
            onChange={(n) => onChange({ ...each, [f.personId]: n })}
            readOnly={readOnly}
            invalid={Boolean(error)}
          />
        ))}
        {errorText}
      </Group>
    );
  }
  if (item.kind === 'likert')
    return (
      <Likert
        legend={prompt}
        required={item.required}
        value={value as number | undefined}
        onChange={onChange}
        readOnly={readOnly}
        invalid={Boolean(error)}
        describedBy={described}
        after={errorText}
      />
    );
  if (item.kind === 'single_choice' || item.kind === 'multiple_choice') {
    const multiple = item.kind === 'multiple_choice';
    const chosen: string[] = multiple
      ? ((value as string[] | undefined) ?? [])
      : typeof value === 'string'
        ? [value]
        : [];
    return (
      <Group legend={prompt} required={item.required} describedBy={described}>
        {multiple && <Text size="sm">{t('evaluation.severalAllowed')}</Text>}
        <div className="puente-choices">
          {(item.options ?? []).map((option) => (
            <label key={option.id} className="puente-choice">
              <input
                type={multiple ? 'checkbox' : 'radio'}
                name={item.id}
                value={option.id}
                checked={chosen.includes(option.id)}
                disabled={readOnly}
                aria-invalid={error ? true : undefined}
                onChange={(event) =>
                  onChange(
                    multiple
                      ? event.target.checked
                        ? [...chosen, option.id]
                        : chosen.filter((c) => c !== option.id)
                      : option.id,
                  )
                }
              />
              <span>{option.label[language]}</span>
            </label>
          ))}
        </div>
        {errorText}
      </Group>
    );
  }
  const common = {
    label: prompt,
    required: item.required,
    error,
    readOnly,
    size: 'md' as const,
  };
  if (item.kind === 'number')
    return (
      <TextInput
        {...common}
        type="number"
        inputMode="decimal"
        min={item.min}
        max={item.max}
        value={value === undefined ? '' : String(value)}
        onChange={(event) => {
          const text = event.currentTarget.value;
          onChange(text === '' ? undefined : Number.isFinite(Number(text)) ? Number(text) : text);
        }}
      />
    );
  if (item.kind === 'short_text')
    return (
      <TextInput
        {...common}
        maxLength={300}
        value={(value as string | undefined) ?? ''}
        onChange={(event) => onChange(event.currentTarget.value)}
      />
    );
  return (
    <Textarea
      {...common}
      autosize
      minRows={3}
      maxLength={4000}
      value={(value as string | undefined) ?? ''}
      onChange={(event) => onChange(event.currentTarget.value)}
    />
  );
}

function Group({
  legend,
  required,
  describedBy,
  children,
}: {
  legend: string;
  required?: boolean;
  describedBy?: string;
  children: ReactNode;
}) {
  return (
    <fieldset className="puente-question" aria-describedby={describedBy}>
      <legend>
        {legend}
        {required && <Required />}
      </legend>
      {children}
    </fieldset>
  );
}

function Required() {
  const { t } = useTranslation();
  return (
    <span className="puente-required">
      <span aria-hidden> *</span>
      <span className="puente-visually-hidden"> ({t('evaluation.required')})</span>
    </span>
  );
}

/** A 1–5 scale as five large buttons, with what its ends mean. */
function Likert({
  legend,
  required,
  value,
  onChange,
  readOnly,
  invalid,
  describedBy,
  after,
}: {
  legend: string;
  required?: boolean;
  value: number | undefined;
  onChange: (value: number) => void;
  readOnly: boolean;
  invalid: boolean;
  describedBy?: string;
  after?: ReactNode;
}) {
  const { t } = useTranslation();
  const name = useId();
  return (
    <fieldset className="puente-question" aria-describedby={describedBy}>
      <legend>
        {legend}
        {required && <Required />}
      </legend>
      <div className="puente-likert">
        {LIKERT.map((n) => (
          <label key={n}>
            <input
              type="radio"
              name={name}
              value={n}
              checked={value === n}
              disabled={readOnly}
              aria-invalid={invalid ? true : undefined}
              onChange={() => onChange(n)}
            />
            <span aria-hidden>{n}</span>
            <span className="puente-visually-hidden">{t(`evaluation.likert.${n}`)}</span>
          </label>
        ))}
      </div>
      <div className="puente-likert-ends" aria-hidden>
        <span>{t('evaluation.likert.low')}</span>
        <span>{t('evaluation.likert.high')}</span>
      </div>
      {after}
    </fieldset>
  );
}
