import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Route, Routes, StaticRouter } from 'react-router';
import { ApiError } from '../ui/http.ts';
import { lazy } from '../ui/lazy-page.ts';
import { CHANGE_PASSWORD_PATH, Layout } from './layout.tsx';
import { cssVariablesResolver, theme } from './theme.ts';

// One chunk per page: the first load carries only the shell and the page it opens. Staff pages
// ('office') also fetch the staff part of the dictionary (i18n/areas.ts).
const HomePage = lazy(() => import('../pages/home-page.tsx'));
const ProcedurePage = lazy(() => import('../pages/procedure-page.tsx'));
const LoginPage = lazy(() => import('../pages/login-page.tsx'));
const ChangePasswordPage = lazy(() => import('../pages/change-password-page.tsx'));
const InspectionPage = lazy(() => import('../pages/inspection-page.tsx'), 'office');
const AuditPage = lazy(() => import('../pages/audit-page.tsx'), 'office');
const InspectionCasePage = lazy(() => import('../pages/inspection-case-page.tsx'), 'office');
const WorkspaceQueuePage = lazy(() => import('../pages/workspace-queue-page.tsx'), 'office');
const WorkspaceDossierPage = lazy(() => import('../pages/workspace-dossier-page.tsx'), 'office');
const WorkspaceReceptionPage = lazy(() => import('../pages/workspace-reception-page.tsx'), 'office');
const WorkspaceOverviewPage = lazy(() => import('../pages/workspace-overview-page.tsx'), 'office');
const WorkspaceRegisterBookPage = lazy(() => import('../pages/workspace-register-book-page.tsx'), 'office');
const WorkspaceFeedbackPage = lazy(() => import('../pages/workspace-feedback-page.tsx'), 'office');
const SubmitPage = lazy(() => import('../pages/submit-page.tsx'));
const MyDossiersPage = lazy(() => import('../pages/my-dossiers-page.tsx'));
const DossierPage = lazy(() => import('../pages/dossier-page.tsx'));
const TrackingPage = lazy(() => import('../pages/tracking-page.tsx'));
const VerifyPage = lazy(() => import('../pages/verify-page.tsx'));
const FeedbackPage = lazy(() => import('../pages/feedback-page.tsx'));
const AdminPage = lazy(() => import('../pages/admin-page.tsx'), 'office');
const InboxPage = lazy(() => import('../pages/inbox-page.tsx'));
const BookingPage = lazy(() => import('../pages/booking-page.tsx'));
const DeskBookingsPage = lazy(() => import('../pages/desk-bookings-page.tsx'), 'office');
const MyBookingsPage = lazy(() => import('../pages/my-bookings-page.tsx'));
const CommandCenterPage = lazy(() => import('../pages/command-center-page.tsx'), 'office');
const NotFoundPage = lazy(() => import('../pages/not-found-page.tsx'));
const ExchangePage = lazy(() => import('../pages/exchange-page.tsx'), 'office');
const ExchangeDocumentPage = lazy(() => import('../pages/exchange-document-page.tsx'), 'office');
const SectorsPage = lazy(() => import('../pages/sectors-page.tsx'));
const AgenciesPage = lazy(() => import('../pages/agencies-page.tsx'));
const HelpPage = lazy(() => import('../pages/help-page.tsx'));
const PrivacyPage = lazy(() => import('../pages/privacy-page.tsx'));
const SatisfactionPage = lazy(() => import('../pages/satisfaction-page.tsx'));
const LegacyUnitsPage = lazy(() => import('../pages/legacy-units-page.tsx'));
const AccessibilityPage = lazy(() => import('../pages/accessibility-page.tsx'));
const CabinetHomePage = lazy(() => import('../pages/cabinet-home-page.tsx'), 'office');
const CabinetFormPage = lazy(() => import('../pages/cabinet-form-page.tsx'), 'office');
const CabinetMeetingPage = lazy(() => import('../pages/cabinet-meeting-page.tsx'), 'office');
const CabinetTasksPage = lazy(() => import('../pages/cabinet-tasks-page.tsx'), 'office');
const CabinetReaderPage = lazy(() => import('../pages/cabinet-reader-page.tsx'), 'office');
const CabinetBodyPage = lazy(() => import('../pages/cabinet-body-page.tsx'), 'office');
const CabinetNewBodyPage = lazy(() => import('../pages/cabinet-new-body-page.tsx'), 'office');
const CabinetNewFormPage = lazy(() => import('../pages/cabinet-new-form-page.tsx'), 'office');
const CabinetNewMeetingPage = lazy(() => import('../pages/cabinet-new-meeting-page.tsx'), 'office');
const ReportingPage = lazy(() => import('../pages/reporting-page.tsx'), 'office');

/** The pages prerendered at build time (app/prerender.tsx), by address: main.tsx loads one before hydrating it. */
export const PRERENDERED_PAGE_COMPONENTS: Record<string, { preload(): Promise<void> }> = {
  '/': HomePage,
  '/tra-cuu': TrackingPage,
  '/verify': VerifyPage,
  '/huong-dan': HelpPage,
  '/bao-ve-du-lieu-ca-nhan': PrivacyPage,
  '/kha-nang-tiep-can': AccessibilityPage,
  '/dang-nhap': LoginPage,
};

/**
 * Pages the server renders for each request, with their data (src/http/rendered-pages.ts): the
 * procedure sheet, and the first screen of the submission form for a signed-in citizen.
 */
const RENDERED_PAGES: [RegExp, { preload(): Promise<void> }][] = [
  [/^\/thu-tuc\/[^/]+$/, ProcedurePage],
  [/^\/nop-ho-so\/[^/]+$/, SubmitPage],
];

/** The lazy page whose markup the server sent for this address, if any (main.tsx loads it before hydrating). */
export function renderedPageComponent(pathname: string): { preload(): Promise<void> } | undefined {
  return PRERENDERED_PAGE_COMPONENTS[pathname] ?? RENDERED_PAGES.find(([pattern]) => pattern.test(pathname))?.[1];
}

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // Client errors do not get better by asking again.
      retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
    },
    // Offline, a mutation fails at once with its own message (apiFetch) instead of waiting, paused, behind a spinner.
    mutations: { networkMode: 'always' },
  },
});

/**
 * The whole app. In the browser it follows the address bar; the build's prerendering
 * (app/prerender.tsx) renders one `location` with its own query client, and the browser then
 * hydrates that HTML (main.tsx).
 */
export function App({ location, client = queryClient }: { location?: string; client?: QueryClient } = {}) {
  const routes = (
          <Routes>
            <Route element={<Layout />}>
              <Route index element={<HomePage />} />
              <Route path="thu-tuc/:code" element={<ProcedurePage />} />
              <Route path="linh-vuc" element={<SectorsPage />} />
              <Route path="co-quan" element={<AgenciesPage />} />
              <Route path="huong-dan" element={<HelpPage />} />
              <Route path="bao-ve-du-lieu-ca-nhan" element={<PrivacyPage />} />
              <Route path="kha-nang-tiep-can" element={<AccessibilityPage />} />
              <Route path="dang-nhap" element={<LoginPage />} />
              <Route path={CHANGE_PASSWORD_PATH.slice(1)} element={<ChangePasswordPage />} />
              <Route path="can-bo" element={<WorkspaceQueuePage />} />
              <Route path="can-bo/ho-so/:id" element={<WorkspaceDossierPage />} />
              <Route path="can-bo/tiep-nhan" element={<WorkspaceReceptionPage />} />
              <Route path="can-bo/tong-quan" element={<WorkspaceOverviewPage />} />
              <Route path="can-bo/so-theo-doi" element={<WorkspaceRegisterBookPage />} />
              <Route path="can-bo/phan-anh" element={<WorkspaceFeedbackPage />} />
              <Route path="nop-ho-so/:code" element={<SubmitPage />} />
              <Route path="ho-so-cua-toi" element={<MyDossiersPage />} />
              <Route path="ho-so-cua-toi/:id" element={<DossierPage />} />
              <Route path="tra-cuu" element={<TrackingPage />} />
              <Route path="tra-cuu/:code" element={<TrackingPage />} />
              <Route path="verify" element={<VerifyPage />} />
              <Route path="verify/:resultId" element={<VerifyPage />} />
              <Route path="phan-anh-kien-nghi" element={<FeedbackPage />} />
              <Route path="muc-do-hai-long" element={<SatisfactionPage />} />
              <Route path="xa-phuong-moi" element={<LegacyUnitsPage />} />
              <Route path="quan-tri" element={<AdminPage />} />
              <Route path="thong-bao" element={<InboxPage />} />
              <Route path="dat-lich/:code" element={<BookingPage />} />
              <Route path="lich-hen" element={<MyBookingsPage />} />
              <Route path="can-bo/lich-hen" element={<DeskBookingsPage />} />
              <Route path="chi-dao-dieu-hanh" element={<CommandCenterPage />} />
              <Route path="hop" element={<CabinetHomePage />} />
              <Route path="hop/phieu/moi" element={<CabinetNewFormPage />} />
              <Route path="hop/phieu/:id" element={<CabinetFormPage />} />
              <Route path="hop/phien-hop/moi" element={<CabinetNewMeetingPage />} />
              <Route path="hop/phien-hop/:id" element={<CabinetMeetingPage />} />
              <Route path="hop/nhiem-vu" element={<CabinetTasksPage />} />
              <Route path="hop/tai-lieu" element={<CabinetReaderPage />} />
              <Route path="hop/tap-the/:code" element={<CabinetBodyPage />} />
              <Route path="hop/tao-tap-the" element={<CabinetNewBodyPage />} />
              <Route path="bao-cao" element={<ReportingPage />} />
              <Route path="hau-kiem" element={<InspectionPage />} />
              <Route path="kiem-toan" element={<AuditPage />} />
              <Route path="hau-kiem/ho-so/:id" element={<InspectionCasePage />} />
              <Route path="van-thu" element={<ExchangePage />} />
              <Route path="van-thu/van-ban/:documentId" element={<ExchangeDocumentPage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Routes>
  );
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      <QueryClientProvider client={client}>
        {location === undefined ? <BrowserRouter>{routes}</BrowserRouter> : <StaticRouter location={location}>{routes}</StaticRouter>}
      </QueryClientProvider>
    </MantineProvider>
  );
}
