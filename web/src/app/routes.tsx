import { lazy, Suspense, type ReactNode } from 'react';
import { useRoutes, type RouteObject } from 'react-router';
import { Loader } from '@mantine/core';
import { Layout } from '../components/Layout';
import { HomePage } from '../pages/HomePage';
import { NotFoundPage } from '../pages/NotFoundPage';

// Each page is its own chunk, so a person opening one link downloads that page only.

const SignInPage = lazy(() => import('../pages/account/SignInPage').then((m) => ({ default: m.SignInPage })));
const ForgotPasswordPage = lazy(() =>
  import('../pages/account/ForgotPasswordPage').then((m) => ({ default: m.ForgotPasswordPage })),
);
const SetPasswordPage = lazy(() =>
  import('../pages/account/SetPasswordPage').then((m) => ({ default: m.SetPasswordPage })),
);

const InvitationPage = lazy(() =>
  import('../pages/enrolment/InvitationPage').then((m) => ({ default: m.InvitationPage })),
);

const ReleasePage = lazy(() => import('../pages/enrolment/ReleasePage').then((m) => ({ default: m.ReleasePage })));

const CheckInPage = lazy(() => import('../pages/attendance/CheckInPage').then((m) => ({ default: m.CheckInPage })));

const AchievementPage = lazy(() =>
  import('../pages/certificates/AchievementPage').then((m) => ({ default: m.AchievementPage })),
);

const MyCertificatesPage = lazy(() =>
  import('../pages/certificates/MyCertificatesPage').then((m) => ({ default: m.MyCertificatesPage })),
);

const ProfilePage = lazy(() => import('../pages/profile/ProfilePage').then((m) => ({ default: m.ProfilePage })));

const ReleaseListPage = lazy(() =>
  import('../pages/enrolment/ReleaseListPage').then((m) => ({ default: m.ReleaseListPage })),
);

const TrainingNeedsPage = lazy(() =>
  import('../pages/needs/TrainingNeedsPage').then((m) => ({ default: m.TrainingNeedsPage })),
);
const AvailabilityPage = lazy(() =>
  import('../pages/needs/AvailabilityPage').then((m) => ({ default: m.AvailabilityPage })),
);

const MySeminarsPage = lazy(() =>
  import('../pages/seminars/MySeminarsPage').then((m) => ({ default: m.MySeminarsPage })),
);
const SeminarPage = lazy(() => import('../pages/seminars/SeminarPage').then((m) => ({ default: m.SeminarPage })));
const CasePage = lazy(() => import('../pages/seminars/CasePage').then((m) => ({ default: m.CasePage })));

const EvaluationPage = lazy(() =>
  import('../pages/evaluations/EvaluationPage').then((m) => ({ default: m.EvaluationPage })),
);

const page = (element: ReactNode) => <Suspense fallback={<Loader aria-hidden />}>{element}</Suspense>;

/**
 * The application's pages. Every path Puente has mailed or printed keeps resolving; the public
 * verification page (`/verificar/…`, and `/verify/…` that the certificates' QR codes print) is an
 * entry of its own (`verify.html`, src/verify/), which the service serves at those paths.
 */
export const routes: RouteObject[] = [
  {
    element: <Layout />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'entrar', element: page(<SignInPage />) },
      { path: 'contrasena/olvide', element: page(<ForgotPasswordPage />) },
      { path: 'restablecer-contrasena', element: page(<SetPasswordPage />) },
      { path: 'inscripciones/:id', element: page(<InvitationPage />) },
      { path: 'liberaciones', element: page(<ReleaseListPage />) },
      { path: 'liberaciones/:id', element: page(<ReleasePage />) },
      { path: 'check-in', element: page(<CheckInPage />) },
      { path: 'logros/:seminarId/:kind', element: page(<AchievementPage />) },
      { path: 'constancias', element: page(<MyCertificatesPage />) },
      { path: 'perfil', element: page(<ProfilePage />) },
      { path: 'evaluaciones/:seminarId/:occasion', element: page(<EvaluationPage />) },
      { path: 'seminarios', element: page(<MySeminarsPage />) },
      { path: 'seminarios/:id', element: page(<SeminarPage />) },
      { path: 'seminarios/:id/casos/:caseId', element: page(<CasePage />) },
      { path: 'necesidades', element: page(<TrainingNeedsPage />) },
      { path: 'disponibilidad', element: page(<AvailabilityPage />) },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

/**
 * The pages, in a plain browser router: the pages fetch their own data (TanStack Query), so the data
 * router's loaders would only add weight to every page.
 */
export function AppRoutes() {
  return useRoutes(routes);
}
