import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, dataOf } from '../api/client';
import { Failure } from './Failure';
import { PdfDrop } from './PdfDrop';
import { VerificationCard, type Verification } from './VerificationCard';

interface Asked {
  number: string;
  code: string;
}

/** What the address asks: `/verificar/{number}?code=…` or `/verify/{number}?code=…` (`c` in some printed samples). */
function askedByAddress(): Asked {
  const [, , number = ''] = window.location.pathname.split('/');
  const params = new URLSearchParams(window.location.search);
  return { number: decodeURIComponent(number), code: params.get('code') ?? params.get('c') ?? '' };
}

type Result =
  | { state: 'idle' }
  | { state: 'checking' }
  | { state: 'found'; verification: Verification }
  | { state: 'not-found' }
  | { state: 'failed'; error: unknown };

/**
 * Public verification of a certificate, no account: `/verificar/{number}?code=…`, and the path the
 * certificates' QR codes print, `/verify/{number}?code=…`. Without a number it is the form alone.
 */
export function VerificationPage() {
  const { t } = useTranslation();
  const [asked, setAsked] = useState(askedByAddress);
  const [result, setResult] = useState<Result>({ state: 'idle' });
  const check = useCallback(async ({ number, code }: Asked) => {
    if (!number || !code) return setResult({ state: 'idle' });
    setResult({ state: 'checking' });
    try {
      const verification = dataOf(
        await api.GET('/api/v1/public/verify/{registryNumber}', {
          params: { path: { registryNumber: number }, query: { code } },
        }),
      );
      setResult({ state: 'found', verification });
    } catch (error) {
      setResult(
        error instanceof ApiError && error.status === 404 ? { state: 'not-found' } : { state: 'failed', error },
      );
    }
  }, []);
  useEffect(() => void check(asked), [asked, check]);
  useEffect(() => {
    const back = () => setAsked(askedByAddress());
    window.addEventListener('popstate', back);
    return () => window.removeEventListener('popstate', back);
  }, []);
  const ask = (next: Asked) => {
    window.history.pushState(
      null,
      '',
      `/verificar/${encodeURIComponent(next.number)}?code=${encodeURIComponent(next.code)}`,
    );
    setAsked(next);
  };

  return (
    <div className="v-stack v-stack-lg">
      <h1>{t('verify.title')}</h1>
      {result.state === 'checking' && <p aria-live="polite">{t('verify.checking')}</p>}
      {result.state === 'not-found' && (
        <div className="v-card" role="alert">
          <p className="v-strong">{t('verify.notFound')}</p>
        </div>
      )}
      {result.state === 'failed' && <Failure error={result.error} onRetry={() => void check(asked)} />}
      {result.state === 'found' && <VerificationCard verification={result.verification} />}
      <VerifyForm key={`${asked.number}/${asked.code}`} initial={asked} onAsk={ask} />
      <PdfDrop />
      <a href="/.well-known/jwks.json" className="v-link">
        {t('verify.keys')}
      </a>
    </div>
  );
}

function VerifyForm({ initial, onAsk }: { initial: Asked; onAsk: (asked: Asked) => void }) {
  const { t } = useTranslation();
  const [number, setNumber] = useState(initial.number);
  const [code, setCode] = useState(initial.code);
  const [tried, setTried] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!number.trim() || !code.trim()) return;
    onAsk({ number: number.trim().toUpperCase(), code: code.trim() });
  };
  return (
    <form className="v-card v-stack" onSubmit={submit} noValidate>
      <p>{t('verify.intro')}</p>
      <Field
        id="verify-number"
        label={t('verify.number')}
        hint={t('verify.numberHint')}
        value={number}
        onChange={setNumber}
        error={tried && !number.trim() ? t('verify.required') : undefined}
      />
      <Field
        id="verify-code"
        label={t('verify.code')}
        hint={t('verify.codeHint')}
        value={code}
        onChange={setCode}
        error={tried && !code.trim() ? t('verify.required') : undefined}
      />
      <button type="submit" className="v-button">
        {t('verify.submit')}
      </button>
    </form>
  );
}

function Field(props: {
  id: string;
  label: string;
  hint: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
}) {
  const { id, label, hint, value, onChange, error } = props;
  const described = [`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className="v-field">
      <label htmlFor={id}>
        {label}
        <span aria-hidden className="v-required">
          {' '}
          *
        </span>
      </label>
      <p id={`${id}-hint`} className="v-hint">
        {hint}
      </p>
      <input
        id={id}
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
        autoCapitalize="characters"
        autoComplete="off"
        required
      />
      {error && (
        <p id={`${id}-error`} className="v-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
