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

const MyUnitPage = lazy(() => import('../pages/unit/MyUnitPage').then((m) => ({ default: m.MyUnitPage })));

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

const SeminarCasesPage = lazy(() =>
  import('../pages/cases/SeminarCasesPage').then((m) => ({ default: m.SeminarCasesPage })),
);
const CaseEditorPage = lazy(() => import('../pages/cases/CaseEditorPage').then((m) => ({ default: m.CaseEditorPage })));
const CaseLibraryPage = lazy(() => import('../pages/cases/LibraryPage').then((m) => ({ default: m.LibraryPage })));

const ContactsPage = lazy(() => import('../pages/contacts/ContactsPage').then((m) => ({ default: m.ContactsPage })));

const EvaluationPage = lazy(() =>
  import('../pages/evaluations/EvaluationPage').then((m) => ({ default: m.EvaluationPage })),
);

const ReportPage = lazy(() => import('../pages/report/ReportPage').then((m) => ({ default: m.ReportPage })));

const RoomPage = lazy(() => import('../pages/room/RoomPage').then((m) => ({ default: m.RoomPage })));
const RosterPage = lazy(() => import('../pages/roster/RosterPage').then((m) => ({ default: m.RosterPage })));

const SeminarOverviewPage = lazy(() =>
  import('../pages/facilitator/SeminarOverviewPage').then((m) => ({ default: m.SeminarOverviewPage })),
);
const AgendaPage = lazy(() => import('../pages/facilitator/AgendaPage').then((m) => ({ default: m.AgendaPage })));

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
      { path: 'mi-unidad', element: page(<MyUnitPage />) },
      { path: 'check-in', element: page(<CheckInPage />) },
      { path: 'logros/:seminarId/:kind', element: page(<AchievementPage />) },
      { path: 'constancias', element: page(<MyCertificatesPage />) },
      { path: 'perfil', element: page(<ProfilePage />) },
      { path: 'evaluaciones/:seminarId/:occasion', element: page(<EvaluationPage />) },
      { path: 'facilitar/:seminarId/informe', element: page(<ReportPage />) },
      { path: 'seminarios', element: page(<MySeminarsPage />) },
      { path: 'seminarios/:id', element: page(<SeminarPage />) },
      { path: 'seminarios/:id/casos/:caseId', element: page(<CasePage />) },
      { path: 'necesidades', element: page(<TrainingNeedsPage />) },
      { path: 'facilitar/casos/biblioteca', element: page(<CaseLibraryPage />) },
      { path: 'facilitar/:seminarId/casos', element: page(<SeminarCasesPage />) },
      { path: 'facilitar/:seminarId/casos/nuevo', element: page(<CaseEditorPage />) },
      { path: 'facilitar/:seminarId/casos/:caseId', element: page(<CaseEditorPage />) },
      { path: 'disponibilidad', element: page(<AvailabilityPage />) },
      { path: 'contactos', element: page(<ContactsPage />) },
      { path: 'facilitar/:seminarId', element: page(<SeminarOverviewPage />) },
      { path: 'facilitar/:seminarId/agenda', element: page(<AgendaPage />) },
      { path: 'facilitar/:seminarId/sala', element: page(<RoomPage />) },
      { path: 'facilitar/:seminarId/sala/:date', element: page(<RoomPage />) },
      { path: 'facilitar/:seminarId/lista/:date', element: page(<RosterPage />) },
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
