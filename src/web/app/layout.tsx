import { Anchor, Box, Button, Container, Group, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import type { CabinetMe } from '../modules/cabinet/cabinet.api.ts';
import { useLogout, useMe } from '../modules/identity/identity.api.ts';
import type { ReportingMe } from '../modules/reporting/reporting.api.ts';
import { ReplayEarlyClicks } from '../ui/early-clicks.ts';
import { apiFetch } from '../ui/http.ts';
import { useInbox } from '../modules/notifications/notifications.api.ts';
import { usePortalInfo } from '../modules/portal/portal.api.ts';
import { LanguageSwitch } from '../ui/language-switch.tsx';
import { PageErrorBoundary } from '../ui/page-error-boundary.tsx';
import { Loading } from '../ui/query-state.tsx';
import { SkipLink } from '../ui/skip-link.tsx';
import { useOnline } from '../ui/use-online.ts';
import { isOfficer } from '../modules/identity/officer-roles.ts';

const MAIN_ID = 'noi-dung-chinh';
/** Đổi mật khẩu: where a user who must change the password set by an administrator is kept until done. */
export const CHANGE_PASSWORD_PATH = '/doi-mat-khau';

/** The footer's links, in order: the portal's own pages. */
const FOOTER_LINKS = [
  ['/huong-dan', 'footer.help'],
  ['/xa-phuong-moi', 'footer.legacy'],
  ['/muc-do-hai-long', 'footer.satisfaction'],
  ['/bao-ve-du-lieu-ca-nhan', 'footer.privacy'],
  ['/kha-nang-tiep-can', 'footer.accessibility'],
] as const;

/** Header (name, navigation, language, account), main landmark, footer. */
export function Layout() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const portal = usePortalInfo();
  const logout = useLogout();
  const online = useOnline();
  // The password was set by an administrator: nothing but the change until it is done (the server
  // answers 403 PASSWORD_CHANGE_REQUIRED to anything else), so no other page and none of the
  // header's own queries run meanwhile.
  const mustChange = !!me.data?.mustChangePassword;
  const isCitizen = !!me.data?.roles.includes('citizen');
  // every signed-in user has notices: a citizen's dossier news, an officer's due and overdue steps,
  // a member's meeting invitations, a password changed or reset
  const unread = useInbox(!!me.data && !mustChange).data?.unreadCount ?? 0;
  // members of a collective body (e-Cabinet) get the "Họp" link; same query key as the /hop pages
  const cabinet = useQuery({
    queryKey: ['cabinet', 'me'],
    queryFn: ({ signal }) => apiFetch<CabinetMe>('/api/v1/cabinet/me', { signal }),
    enabled: !!me.data && !isCitizen && !mustChange,
    staleTime: 30_000,
  });
  // reporting staff (officer, leader, receiver) get the "Báo cáo" link
  const reporting = useQuery({
    queryKey: ['reporting', 'me'],
    queryFn: ({ signal }) => apiFetch<ReportingMe>('/api/v1/reporting/me', { signal }),
    enabled: !!me.data && !isCitizen && !mustChange,
    staleTime: 30_000,
  });
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  const heldForChange = mustChange && pathname !== CHANGE_PASSWORD_PATH;

  useEffect(() => {
    if (heldForChange) navigate(CHANGE_PASSWORD_PATH, { replace: true });
  }, [heldForChange, navigate]);

  // After client-side navigation, move focus to the new page's content (WCAG 2.4.3).
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every path change
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus();
    window.scrollTo(0, 0);
  }, [pathname]);

  return (
    <>
      <SkipLink target={MAIN_ID}>{t('app.skipToContent')}</SkipLink>
      <Box component="header" className="site-header">
        {/* Less padding and no gap between the rows: the links and buttons are 44 px high themselves (app.css). */}
        <Container size="lg" py={4}>
          <Group justify="space-between" gap="sm" wrap="wrap" style={{ rowGap: 0 }}>
            <Anchor component={Link} to="/" className="site-title" underline="never">
              {t('app.title')}
            </Anchor>
            {/* The account ("Đăng nhập", or the name and "Đăng xuất") beside the languages, not at the end
                of the links: on a phone the links scroll sideways and the last one starts off the screen. */}
            <Group gap="md" wrap="nowrap" className="site-account">
              <LanguageSwitch
                label={`${t('app.language')} / Language`}
                value={i18n.language}
                onChange={(lng) => void i18n.changeLanguage(lng)}
                options={[
                  { value: 'vi', short: 'VI', name: t('app.languages.vi') },
                  { value: 'en', short: 'EN', name: t('app.languages.en') },
                ]}
              />
              {me.data ? (
                <>
                  <Text component="span" data-testid="signed-in-user" className="signed-in-user">
                    {t('app.signedInAs', { name: me.data.fullName })}
                  </Text>
                  {/* not for a citizen known only through the e-ID: there is no password to change */}
                  {me.data.hasPassword && (
                    <Anchor
                      component={Link}
                      to={CHANGE_PASSWORD_PATH}
                      aria-current={pathname === CHANGE_PASSWORD_PATH ? 'page' : undefined}
                      aria-label={t('app.changePassword')}
                    >
                      {/* a 360 px phone has room for the short word only (its name still says it all) */}
                      <span className="label-long">{t('app.changePassword')}</span>
                      <span className="label-short">{t('app.changePasswordShort')}</span>
                    </Anchor>
                  )}
                  <Button
                    variant="outline"
                    color="gray.0"
                    size="compact-sm"
                    loading={logout.isPending}
                    onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/') })}
                  >
                    {t('app.logout')}
                  </Button>
                </>
              ) : (
                <Anchor component={Link} to="/dang-nhap" fw={600} aria-current={pathname === '/dang-nhap' ? 'page' : undefined}>
                  {t('app.login')}
                </Anchor>
              )}
            </Group>
          </Group>
          {/* One row on a phone: it scrolls sideways rather than wrap into three. */}
          <Group component="nav" aria-label={t('app.mainNav')} gap="md" wrap="nowrap" className="site-nav">
            <Anchor component={Link} to="/" aria-current={pathname === '/' ? 'page' : undefined}>
              {t('app.home')}
            </Anchor>
            <Anchor component={Link} to="/tra-cuu" aria-current={pathname.startsWith('/tra-cuu') ? 'page' : undefined}>
              {t('citizen.nav.tracking')}
            </Anchor>
            <Anchor component={Link} to="/phan-anh-kien-nghi" aria-current={pathname === '/phan-anh-kien-nghi' ? 'page' : undefined}>
              {t('evaluation.feedback.title')}
            </Anchor>
            {me.data && !mustChange && (
              <>
                {isOfficer(me.data.grants) && (
                  <Anchor component={Link} to="/can-bo" aria-current={pathname.startsWith('/can-bo') ? 'page' : undefined}>
                    {t('workspace.link')}
                  </Anchor>
                )}
                {me.data.roles.some((r) => ['national_oversight', 'provincial_leader', 'leader'].includes(r)) && (
                  <Anchor component={Link} to="/chi-dao-dieu-hanh" aria-current={pathname === '/chi-dao-dieu-hanh' ? 'page' : undefined}>
                    {t('commandCenter.link')}
                  </Anchor>
                )}
                {(cabinet.data?.bodies.length ?? 0) > 0 && (
                  <Anchor component={Link} to="/hop" aria-current={pathname.startsWith('/hop') ? 'page' : undefined} data-testid="cabinet-link">
                    {t('cabinet.nav')}
                  </Anchor>
                )}
                {(reporting.data?.roles.length ?? 0) > 0 && (
                  <Anchor component={Link} to="/bao-cao" aria-current={pathname.startsWith('/bao-cao') ? 'page' : undefined}>
                    {t('reporting.nav')}
                  </Anchor>
                )}
                {me.data.roles.some((r) => r === 'inspector' || r === 'inspection_leader') && (
                  <Anchor component={Link} to="/hau-kiem" aria-current={pathname.startsWith('/hau-kiem') ? 'page' : undefined}>
                    {t('inspection.link')}
                  </Anchor>
                )}
                {(me.data.roles.includes('clerk') || me.data.roles.includes('admin')) && (
                  <Anchor component={Link} to="/van-thu" aria-current={pathname.startsWith('/van-thu') ? 'page' : undefined}>
                    {t(me.data.roles.includes('clerk') ? 'exchange.link' : 'exchange.axisLink')}
                  </Anchor>
                )}
                {me.data.roles.some((r) => r === 'auditor' || r === 'admin') && (
                  <Anchor component={Link} to="/kiem-toan" aria-current={pathname === '/kiem-toan' ? 'page' : undefined}>
                    {t('audit.link')}
                  </Anchor>
                )}
                {me.data.roles.includes('admin') && (
                  <Anchor component={Link} to="/quan-tri" aria-current={pathname === '/quan-tri' ? 'page' : undefined}>
                    {t('admin.link')}
                  </Anchor>
                )}
                {isCitizen && (
                  <Anchor component={Link} to="/ho-so-cua-toi" aria-current={pathname === '/ho-so-cua-toi' ? 'page' : undefined}>
                    {t('citizen.nav.myDossiers')}
                  </Anchor>
                )}
                <Anchor component={Link} to="/thong-bao" aria-current={pathname === '/thong-bao' ? 'page' : undefined} data-testid="inbox-link">
                  {t('inbox.nav')}
                  {unread > 0 && (
                    <span className="unread-count" data-testid="unread-count">
                      {' '}
                      <span aria-hidden="true">{unread}</span>
                      <span className="visually-hidden">{t('inbox.unread', { count: unread })}</span>
                    </span>
                  )}
                </Anchor>
              </>
            )}
          </Group>
        </Container>
      </Box>
      {!online && (
        <Box role="status" className="offline-banner" data-testid="offline-banner">
          <Container size="lg" py={8}>
            {t('app.offline')}
          </Container>
        </Box>
      )}
      <Box component="main" id={MAIN_ID} ref={mainRef} tabIndex={-1} className="site-main">
        <Container size="lg" py="lg">
          <PageErrorBoundary resetKey={pathname} title={t('app.pageFailedTitle')} text={t(online ? 'app.pageFailed' : 'app.pageFailedOffline')} reload={t('app.reload')}>
            <Suspense fallback={<Loading />}>
              {heldForChange ? <Loading /> : <Outlet />}
              <ReplayEarlyClicks />
            </Suspense>
          </PageErrorBoundary>
        </Container>
      </Box>
      <Box component="footer" className="site-footer">
        <Container size="lg" py="md">
          <Group component="nav" aria-label={t('footer.nav')} gap="md" wrap="wrap" mb="xs" style={{ rowGap: 0 }}>
            {FOOTER_LINKS.map(([to, label]) => (
              <Anchor key={to} component={Link} to={to} size="sm">
                {t(label)}
              </Anchor>
            ))}
          </Group>
          {portal.data?.hotline ? (
            <Text size="sm" fw={600}>
              {t('footer.hotline', { hotline: portal.data.hotline })}
            </Text>
          ) : null}
          <Text size="sm">{t('app.footer')}</Text>
        </Container>
      </Box>
    </>
  );
}
