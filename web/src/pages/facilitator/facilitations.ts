import { useQuery } from '@tanstack/react-query';
import { api, dataOf } from '../../api/client';
import type { components } from '../../api/schema';

export type Facilitation = components['schemas']['MyFacilitationResponseDto'];

export const FACILITATIONS_KEY = ['me', 'facilitations'] as const;

/** The seminars the signed-in specialist facilitates, with what each needs from them now. */
export function useFacilitations(enabled = true) {
  return useQuery({
    queryKey: FACILITATIONS_KEY,
    enabled,
    queryFn: async () => dataOf(await api.GET('/api/v1/me/facilitations')),
  });
}

/** Where each thing a facilitator does for a seminar lives. */
export const facilitatorPaths = {
  overview: (id: string) => `/facilitar/${id}`,
  agenda: (id: string) => `/facilitar/${id}/agenda`,
  cases: (id: string) => `/facilitar/${id}/casos`,
  room: (id: string) => `/facilitar/${id}/sala`,
  roster: (id: string, date: string) => `/facilitar/${id}/lista/${date}`,
  report: (id: string) => `/facilitar/${id}/informe`,
};

/** What a seminar needs from its facilitator now, each with the page where it is done. */
export function todosOf(f: Facilitation): { key: string; label: [string, Record<string, unknown>?]; to: string }[] {
  if (f.status === 'cancelled') return [];
  const id = f.seminarId;
  const todos: { key: string; label: [string, Record<string, unknown>?]; to: string }[] = [];
  if (f.today) {
    todos.push({ key: 'roster', label: ['facilitator.home.roster'], to: facilitatorPaths.roster(id, f.today) });
    todos.push({ key: 'room', label: ['facilitator.home.room'], to: facilitatorPaths.room(id) });
  }
  if (f.daysWithoutAgenda.length > 0)
    todos.push({
      key: 'agenda',
      label: ['facilitator.home.agenda', { count: f.daysWithoutAgenda.length }],
      to: facilitatorPaths.agenda(id),
    });
  const preparing = f.phase !== 'past' && ['draft', 'open', 'confirmed', 'in_progress'].includes(f.status);
  if (preparing && f.myCases === 0)
    todos.push({ key: 'write', label: ['facilitator.home.writeCase'], to: facilitatorPaths.cases(id) });
  if (f.myChangesRequested > 0)
    todos.push({
      key: 'fix',
      label: ['facilitator.home.fix', { count: f.myChangesRequested }],
      to: facilitatorPaths.cases(id),
    });
  if (f.myDrafts > 0)
    todos.push({
      key: 'drafts',
      label: ['facilitator.home.drafts', { count: f.myDrafts }],
      to: facilitatorPaths.cases(id),
    });
  if (f.reviewRequests > 0)
    todos.push({
      key: 'review',
      label: ['facilitator.home.review', { count: f.reviewRequests }],
      to: facilitatorPaths.cases(id),
    });
  if (f.reportReady) todos.push({ key: 'report', label: ['facilitator.home.report'], to: facilitatorPaths.report(id) });
  return todos;
}
