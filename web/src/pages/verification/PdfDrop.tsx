import { Paper, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useId, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, dataOf } from '../../api/client';
import { ErrorState } from '../../components/ErrorState';
import { VerificationCard } from './VerificationCard';

/**
 * A place to drop (or choose) a PDF and learn whether it is exactly an issued certificate: the
 * service compares its SHA-256 with every certificate it issued.
 */
export function PdfDrop() {
  const { t } = useTranslation();
  const inputId = useId();
  const [active, setActive] = useState(false);
  const [notPdf, setNotPdf] = useState(false);
  const check = useMutation({
    mutationFn: async (file: File) =>
      dataOf(
        await api.POST('/api/v1/public/verify', {
          body: { file: file as unknown as string },
          bodySerializer: () => {
            const form = new FormData();
            form.append('file', file);
            return form;
          },
        }),
      ),
  });
  const take = (file: File | undefined) => {
    if (!file) return;
    const pdf = file.type === 'application/pdf' || file.name.toLowerCase().endsWith('.pdf');
    setNotPdf(!pdf);
    if (pdf) check.mutate(file);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setActive(false);
    take(event.dataTransfer.files[0]);
  };
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={2} size="h3">
          {t('verify.fileTitle')}
        </Title>
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
          <Text>{t('verify.fileDrop')}</Text>
          <VisuallyHidden>
            <input
              id={inputId}
              type="file"
              accept="application/pdf,.pdf"
              onChange={(event) => take(event.currentTarget.files?.[0])}
            />
          </VisuallyHidden>
        </label>
        <div aria-live="polite">
          {notPdf && <Text c="red.9">{t('verify.fileNotPdf')}</Text>}
          {check.isPending && <Text>{t('verify.fileChecking')}</Text>}
          {check.data && !check.data.match && (
            <Text fw={700} c="red.9" data-testid="file-no-match">
              {t('verify.fileNoMatch')}
            </Text>
          )}
          {check.data && check.data.match && (
            <Stack gap="sm" data-testid="file-match">
              <Text fw={700} c="teal.9">
                {t('verify.fileMatch', { number: check.data.registryNumber, revision: check.data.revision })}
              </Text>
              <VerificationCard verification={check.data} />
            </Stack>
          )}
        </div>
        {check.isError && <ErrorState error={check.error} onRetry={() => check.reset()} />}
      </Stack>
    </Paper>
  );
}
