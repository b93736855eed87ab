import { Loader } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ApiError, api, dataOf } from '../api/client';
import type { components } from '../api/schema';
import { ErrorState } from '../components/ErrorState';
import { i18n, isLanguage } from '../i18n';

export type Me = components['schemas']['PersonResponseDto'];

export const ME_KEY = ['me'] as const;

/** The signed-in person, or null when nobody is signed in on this browser. */
export function useMe() {
  const query = useQuery({
    queryKey: ME_KEY,
    staleTime: 60_000,
    queryFn: async (): Promise<Me | null> => {
      try {
        return dataOf(await api.GET('/api/v1/me'));
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
  });
  // The person's language (their profile's) becomes the pages' once they are signed in.
  const locale = query.data?.locale;
  useEffect(() => {
    const language = locale === 'en' ? 'en' : locale === 'es' ? 'es-MX' : undefined;
    if (language && isLanguage(language) && i18n.language !== language) void i18n.changeLanguage(language);
  }, [locale]);
  return query;
}

export function useSignedOut() {
  const client = useQueryClient();
  return () => {
    client.setQueryData(ME_KEY, null);
    client.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
  };
}

/** Where to come back to after signing in: this page, with its query (an invitation, a check-in code). */
export function signInPath(location: { pathname: string; search: string }): string {
  return `/entrar?next=${encodeURIComponent(location.pathname + location.search)}`;
}

/** A page for signed-in people: anyone else is sent to sign in, and comes back here after. */
export function RequireSignIn({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loader aria-hidden />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) return <Navigate to={signInPath(location)} replace />;
  return <>{children}</>;
}

/** Only paths of the pages themselves are followed after signing in, never another site. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}
