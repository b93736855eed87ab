import { useId, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, dataOf } from '../api/client';
import { Failure } from './Failure';
import { VerificationCard } from './VerificationCard';

type Checked = Awaited<ReturnType<typeof compare>>;

async function compare(file: File) {
  return dataOf(
    await api.POST('/api/v1/public/verify', {
      body: { file: file as unknown as string },
      bodySerializer: () => {
        const form = new FormData();
        form.append('file', file);
        return form;
      },
    }),
  );
}

/**
 * A place to drop (or choose) a PDF and learn whether it is exactly an issued certificate: the
 * service compares its SHA-256 with every certificate it issued.
 */
export function PdfDrop() {
  const { t } = useTranslation();
  const inputId = useId();
  const [active, setActive] = useState(false);
  const [notPdf, setNotPdf] = useState(false);
  const [checking, setChecking] = useState(false);
  const [checked, setChecked] = useState<Checked>();
  const [failed, setFailed] = useState<unknown>();
  const take = async (file: File | undefined) => {
    if (!file) return;
    const pdf = file.type === 'application/pdf' || file.name.toLowerCase().endsWith('.pdf');
    setNotPdf(!pdf);
    setChecked(undefined);
    setFailed(undefined);
    if (!pdf) return;
    setChecking(true);
    try {
      setChecked(await compare(file));
    } catch (error) {
      setFailed(error);
    } finally {
      setChecking(false);
    }
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setActive(false);
    void take(event.dataTransfer.files[0]);
  };
  return (
    <section className="v-card v-stack" aria-labelledby={`${inputId}-title`}>
      <h2 id={`${inputId}-title`}>{t('verify.fileTitle')}</h2>
      <label
        htmlFor={inputId}
        className="puente-dropzone"
        data-active={active}
        onDragOver={(event) => {
          event.preventDefault();
          setActive(true);
        }}
        onDragLeave={() => setActive(false)}
        onDrop={onDrop}
      >
        <span>{t('verify.fileDrop')}</span>
        <input
          id={inputId}
          className="v-visually-hidden"
          type="file"
          accept="application/pdf,.pdf"
          onChange={(event) => void take(event.currentTarget.files?.[0])}
        />
      </label>
      <div aria-live="polite">
        {notPdf && <p className="v-bad">{t('verify.fileNotPdf')}</p>}
        {checking && <p>{t('verify.fileChecking')}</p>}
        {checked && !checked.match && (
          <p className="v-strong v-bad" data-testid="file-no-match">
            {t('verify.fileNoMatch')}
          </p>
        )}
        {checked && checked.match && (
          <div className="v-stack" data-testid="file-match">
            <p className="v-strong v-good">
              {t('verify.fileMatch', { number: checked.registryNumber, revision: checked.revision })}
            </p>
            <VerificationCard verification={checked} />
          </div>
        )}
      </div>
      {failed !== undefined && <Failure error={failed} onRetry={() => setFailed(undefined)} />}
    </section>
  );
}
