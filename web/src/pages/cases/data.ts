import { useQuery } from '@tanstack/react-query';
import { ApiError, api, dataOf, renewSession } from '../../api/client';
import type { components } from '../../api/schema';
import { i18n } from '../../i18n/instance';
import { apiLanguage } from '../../i18n/languages';

export type ClinicalCase = components['schemas']['CaseResponseDto'];
export type CaseStatus = ClinicalCase['status'];
export type CaseAttachment = components['schemas']['CaseAttachmentDto'];
export type CaseVersion = components['schemas']['CaseVersionDto'];
export type Finding = components['schemas']['FindingDto'];

export const caseKey = (id: string) => ['case', id] as const;
export const seminarCasesKey = (seminarId: string) => ['seminar', seminarId, 'cases'] as const;

/** The seminar's cases in every state, for those who prepare it. */
export function useSeminarCases(seminarId: string) {
  return useQuery({
    queryKey: seminarCasesKey(seminarId),
    queryFn: async () => dataOf(await api.GET('/api/v1/seminars/{id}/cases', { params: { path: { id: seminarId } } })),
  });
}

export function useCase(id: string | undefined) {
  return useQuery({
    queryKey: caseKey(id ?? ''),
    enabled: Boolean(id),
    queryFn: async () => dataOf(await api.GET('/api/v1/cases/{id}', { params: { path: { id: id! } } })),
  });
}

export function useSeminar(id: string) {
  return useQuery({
    queryKey: ['seminar', id],
    queryFn: async () => dataOf(await api.GET('/api/v1/seminars/{id}', { params: { path: { id } } })),
  });
}

export function useFacilitators(id: string) {
  return useQuery({
    queryKey: ['seminar', id, 'facilitators'],
    queryFn: async () => dataOf(await api.GET('/api/v1/seminars/{id}/facilitators', { params: { path: { id } } })),
  });
}

/** What the signed-in person may do in a seminar's cases: the lead (and the office) review and publish. */
export function useSeminarRole(seminarId: string, me: { id: string; roles: string[] }) {
  const facilitators = useFacilitators(seminarId);
  const mine = facilitators.data?.items.find((f) => f.personId === me.id);
  const office = me.roles.includes('office');
  return {
    facilitators,
    facilitates: Boolean(mine) || office,
    reviews: Boolean(mine?.lead) || office,
    office,
  };
}

/** The findings of a submission the de-identification guard refused, from its problem+json. */
export function findingsOf(error: unknown): Finding[] | undefined {
  if (!(error instanceof ApiError) || error.problem.code !== 'case_identifiers_found') return undefined;
  const findings = (error.problem as { findings?: unknown }).findings;
  return Array.isArray(findings) ? (findings as Finding[]) : [];
}

/** The line (from 1) of a position in a text. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++;
  return line;
}

/** The text of a case's field as the findings name it (`summary`, `learningObjectives[2]`). */
export function fieldText(
  c: Pick<ClinicalCase, 'title' | 'summary' | 'learningObjectives' | 'discussionQuestions'>,
  field: string,
) {
  if (field === 'title') return c.title;
  if (field === 'summary') return c.summary;
  const item = /^(learningObjectives|discussionQuestions)\[(\d+)\]$/.exec(field);
  if (!item) return undefined;
  return c[item[1] as 'learningObjectives' | 'discussionQuestions'][Number(item[2])];
}

/** The attachment a finding names (`attachments[<id>]`), if it is in a file. */
export function attachmentIdOf(field: string): string | undefined {
  return /^attachments\[(.+)\]$/.exec(field)?.[1];
}

/**
 * Uploads a file with XMLHttpRequest, whose upload events tell the progress (fetch has none), with
 * the same headers as the typed client and the same renewal of the session on a 401.
 */
export function uploadAttachment(
  caseId: string,
  file: File,
  onProgress: (fraction: number) => void,
): Promise<CaseAttachment> {
  const send = () =>
    new Promise<{ status: number; body: unknown }>((resolve, reject) => {
      const request = new XMLHttpRequest();
      request.open('POST', `/api/v1/cases/${encodeURIComponent(caseId)}/attachments`);
      request.withCredentials = true;
      request.setRequestHeader('x-puente-csrf', '1');
      request.setRequestHeader('Accept-Language', apiLanguage(i18n.language));
      request.upload.onprogress = (event) => {
        if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
      };
      request.onload = () => {
        let body: unknown = undefined;
        try {
          body = request.responseText ? JSON.parse(request.responseText) : undefined;
        } catch {
          body = undefined;
        }
        resolve({ status: request.status, body });
      };
      request.onerror = () => reject(new TypeError('network'));
      const form = new FormData();
      form.append('file', file, file.name);
      request.send(form);
    });
  return (async () => {
    let answer = await send();
    if (answer.status === 401 && (await renewSession())) {
      onProgress(0);
      answer = await send();
    }
    if (answer.status >= 200 && answer.status < 300) return answer.body as CaseAttachment;
    throw new ApiError(answer.status, (typeof answer.body === 'object' && answer.body ? answer.body : {}) as never);
  })();
}

/** The file kinds the API accepts, by the ends of their names (it judges the bytes itself). */
export const ACCEPTED_FILES =
  '.pdf,.png,.jpg,.jpeg,.docx,application/pdf,image/png,image/jpeg,application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function looksAccepted(name: string): boolean {
  return /\.(pdf|png|jpe?g|docx)$/i.test(name);
}
