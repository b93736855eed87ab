import { Alert, Button, FileButton, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, dataOf } from '../../api/client';
import { ACCEPTED_FILES, caseKey, looksAccepted, uploadAttachment, type ClinicalCase } from './data';
import { Section } from '../../components/Section';
import { formatSize } from '../../lib/format';

interface Upload {
  key: number;
  name: string;
  progress: number;
  /** Why the service (or the page, for a name no accepted kind has) refused it, in plain words. */
  refusal?: string;
}

let nextKey = 1;

/**
 * A case's files: dropped on the zone or chosen with the button (keyboards, phones), each upload
 * with its progress, and the service's refusals said plainly (not a kind it takes, too large, or
 * with active content such as scripts); removing a file while the case is being written.
 */
export function Attachments({ c, editable }: { c: ClinicalCase; editable: boolean }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [over, setOver] = useState(false);
  const update = (key: number, change: Partial<Upload>) =>
    setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...change } : u)));

  const refusalOf = (name: string, error: unknown): string => {
    if (!(error instanceof ApiError)) return t('cases.files.network', { name });
    if (error.status === 415)
      return looksAccepted(name) ? t('cases.files.activeContent', { name }) : t('cases.files.wrongType', { name });
    if (error.status === 413) return t('cases.files.tooLarge', { name, detail: error.problem.detail ?? '' });
    if (error.status >= 500) return t('cases.files.server', { name });
    return t('cases.files.refused', { name, detail: error.problem.detail ?? '' });
  };

  const send = async (file: File) => {
    const key = nextKey++;
    if (!looksAccepted(file.name)) {
      setUploads((list) => [
        ...list,
        { key, name: file.name, progress: 0, refusal: t('cases.files.wrongType', { name: file.name }) },
      ]);
      return;
    }
    setUploads((list) => [...list, { key, name: file.name, progress: 0 }]);
    try {
      const stored = await uploadAttachment(c.id, file, (progress) => update(key, { progress }));
      client.setQueryData<ClinicalCase>(caseKey(c.id), (current) =>
        current ? { ...current, attachments: [...current.attachments, stored] } : current,
      );
      setUploads((list) => list.filter((u) => u.key !== key));
    } catch (error) {
      update(key, { refusal: refusalOf(file.name, error) });
    }
  };
  const take = (files: File[] | FileList | null) => {
    for (const file of Array.from(files ?? [])) void send(file);
  };

  const remove = useMutation({
    mutationFn: async (attachmentId: string) => {
      dataOf(
        await api.DELETE('/api/v1/cases/{id}/attachments/{attachmentId}', {
          params: { path: { id: c.id, attachmentId } },
        }),
      );
      return attachmentId;
    },
    onSuccess: (attachmentId) =>
      client.setQueryData<ClinicalCase>(caseKey(c.id), (current) =>
        current ? { ...current, attachments: current.attachments.filter((a) => a.id !== attachmentId) } : current,
      ),
  });

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    if (editable) take(event.dataTransfer.files);
  };

  return (
    <Section title={t('cases.files.title')}>
      {c.attachments.length === 0 && uploads.length === 0 && <Text>{t('cases.files.none')}</Text>}
      {c.attachments.length > 0 && (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {c.attachments.map((a) => (
            <Paper key={a.id} component="li" withBorder p="sm">
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Button
                  component="a"
                  href={`/api/v1/cases/${c.id}/attachments/${a.id}`}
                  download={a.displayName}
                  variant="subtle"
                  px="xs"
                  styles={{ label: { overflowWrap: 'anywhere', whiteSpace: 'normal' } }}
                >
                  {t('cases.files.download', { name: a.displayName, size: formatSize(a.sizeBytes, i18n.language) })}
                </Button>
                {editable && (
                  <Button
                    variant="default"
                    loading={remove.isPending && remove.variables === a.id}
                    onClick={() => remove.mutate(a.id)}
                    aria-label={t('cases.files.removeNamed', { name: a.displayName })}
                  >
                    {t('cases.files.remove')}
                  </Button>
                )}
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
      <div aria-live="polite">
        {uploads.map((u) =>
          u.refusal ? (
            <Alert key={u.key} color="red" variant="light" role="alert" withCloseButton={false}>
              <Stack gap="xs">
                <Text>{u.refusal}</Text>
                <Button
                  variant="default"
                  style={{ alignSelf: 'flex-start' }}
                  onClick={() => setUploads((list) => list.filter((x) => x.key !== u.key))}
                >
                  {t('cases.files.dismiss')}
                </Button>
              </Stack>
            </Alert>
          ) : (
            <Stack key={u.key} gap={4}>
              <Text>{t('cases.files.uploading', { name: u.name, percent: Math.round(u.progress * 100) })}</Text>
              <Progress
                value={Math.round(u.progress * 100)}
                size="lg"
                color="blue.9"
                aria-label={t('cases.files.progress', { name: u.name })}
              />
            </Stack>
          ),
        )}
      </div>
      {editable ? (
        <div
          className="cases-dropzone"
          data-active={over}
          onDragOver={(event) => {
            event.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={onDrop}
        >
          <Stack gap="sm" align="center">
            <Text>{t('cases.files.drop')}</Text>
            <FileButton onChange={(files) => take(files)} accept={ACCEPTED_FILES} multiple>
              {(props) => (
                <Button {...props} size="lg">
                  {t('cases.files.choose')}
                </Button>
              )}
            </FileButton>
            <Text size="sm">{t('cases.files.kinds')}</Text>
          </Stack>
        </div>
      ) : (
        <Text size="sm">{t('cases.files.locked')}</Text>
      )}
      {remove.error !== null && (
        <Text c="red.9" role="alert">
          {remove.error instanceof ApiError ? (remove.error.problem.detail ?? t('errors.server')) : t('errors.network')}
        </Text>
      )}
    </Section>
  );
}
