import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Route, Routes } from 'react-router';
import { ApiError } from '../ui/http.ts';
import { lazy } from '../ui/lazy-page.ts';
import { Layout } from './layout.tsx';
import { cssVariablesResolver, theme } from './theme.ts';

// One chunk per page: the first load carries only the shell and the page it opens.
const HomePage = lazy(() => import('../pages/home-page.tsx'));
const ProcedurePage = lazy(() => import('../pages/procedure-page.tsx'));
const LoginPage = lazy(() => import('../pages/login-page.tsx'));
const WorkspaceQueuePage = lazy(() => import('../pages/workspace-queue-page.tsx'));
const WorkspaceDossierPage = lazy(() => import('../pages/workspace-dossier-page.tsx'));
const WorkspaceReceptionPage = lazy(() => import('../pages/workspace-reception-page.tsx'));
const WorkspaceOverviewPage = lazy(() => import('../pages/workspace-overview-page.tsx'));
const WorkspaceRegisterBookPage = lazy(() => import('../pages/workspace-register-book-page.tsx'));
const SubmitPage = lazy(() => import('../pages/submit-page.tsx'));
const MyDossiersPage = lazy(() => import('../pages/my-dossiers-page.tsx'));
const DossierPage = lazy(() => import('../pages/dossier-page.tsx'));
const TrackingPage = lazy(() => import('../pages/tracking-page.tsx'));
const VerifyPage = lazy(() => import('../pages/verify-page.tsx'));
const FeedbackPage = lazy(() => import('../pages/feedback-page.tsx'));
const AdminPage = lazy(() => import('../pages/admin-page.tsx'));
const InboxPage = lazy(() => import('../pages/inbox-page.tsx'));
const BookingPage = lazy(() => import('../pages/booking-page.tsx'));
const DeskBookingsPage = lazy(() => import('../pages/desk-bookings-page.tsx'));
const NotFoundPage = lazy(() => import('../pages/not-found-page.tsx'));
const SectorsPage = lazy(() => import('../pages/sectors-page.tsx'));
const AgenciesPage = lazy(() => import('../pages/agencies-page.tsx'));
const HelpPage = lazy(() => import('../pages/help-page.tsx'));
const PrivacyPage = lazy(() => import('../pages/privacy-page.tsx'));
const AccessibilityPage = lazy(() => import('../pages/accessibility-page.tsx'));

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

export function App() {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
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
              <Route path="can-bo" element={<WorkspaceQueuePage />} />
              <Route path="can-bo/ho-so/:id" element={<WorkspaceDossierPage />} />
              <Route path="can-bo/tiep-nhan" element={<WorkspaceReceptionPage />} />
              <Route path="can-bo/tong-quan" element={<WorkspaceOverviewPage />} />
              <Route path="can-bo/so-theo-doi" element={<WorkspaceRegisterBookPage />} />
              <Route path="nop-ho-so/:code" element={<SubmitPage />} />
              <Route path="ho-so-cua-toi" element={<MyDossiersPage />} />
              <Route path="ho-so-cua-toi/:id" element={<DossierPage />} />
              <Route path="tra-cuu" element={<TrackingPage />} />
              <Route path="tra-cuu/:code" element={<TrackingPage />} />
              <Route path="verify" element={<VerifyPage />} />
              <Route path="verify/:resultId" element={<VerifyPage />} />
              <Route path="phan-anh-kien-nghi" element={<FeedbackPage />} />
              <Route path="quan-tri" element={<AdminPage />} />
              <Route path="thong-bao" element={<InboxPage />} />
              <Route path="dat-lich/:code" element={<BookingPage />} />
              <Route path="can-bo/lich-hen" element={<DeskBookingsPage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  );
}
