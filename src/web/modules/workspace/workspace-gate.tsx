import { Anchor } from '@mantine/core';
import type { ComponentType, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { GateNotice } from '../../ui/gate-notice.tsx';
import { Loading, LoadError } from '../../ui/query-state.tsx';
import { usePageTitle } from '../../ui/use-page-title.ts';
import { DeskShortcuts } from './desk-shortcuts.tsx';
import { useOfficer } from './use-officer.ts';

/** Shows the workspace to officers only: others are asked to sign in, or told it is not for them. */
export function WorkspaceGate({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  const { me, user, officer } = useOfficer();
  if (me.isPending) return <Loading />;
  // Not known (the network or the server failed): not the same as signed out.
  if (me.isError && !user) return <LoadError onRetry={() => void me.refetch()} />;
  if (!user || !officer) return <GateNotice title={title} signedIn={!!user} notForYou={t('workspace.notOfficer')} />;
  return <div className="ws-page">{children}</div>;
}

/** A route's workspace page: the document title and the gate's heading from `titleKey` (i18n), then `Body` for officers. */
export function workspacePage(titleKey: string, Body: ComponentType): ComponentType {
  return function WorkspacePage() {
    const { t } = useTranslation();
    usePageTitle(t(titleKey));
    return (
      <WorkspaceGate title={t(titleKey)}>
        <Body />
      </WorkspaceGate>
    );
  };
}

/** The workspace's own navigation: queues, counter reception, overview, register book, the day's bookings, feedback. */
export function WorkspaceNav() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const { grants } = useOfficer();
  const links = [
    { to: '/can-bo', label: t('workspace.nav.queues') },
    ...(grants.some((g) => g.role === 'desk_officer') ? [{ to: '/can-bo/tiep-nhan', label: t('workspace.nav.reception') }] : []),
    ...(grants.some((g) => g.role === 'leader' || g.role === 'provincial_leader')
      ? [{ to: '/can-bo/tong-quan', label: t('workspace.nav.overview') }]
      : []),
    ...(grants.some((g) => g.role === 'desk_officer' || g.role === 'leader') ? [{ to: '/can-bo/so-theo-doi', label: t('workspace.nav.registerBook') }] : []),
    ...(grants.some((g) => g.role === 'desk_officer' || g.role === 'leader') ? [{ to: '/can-bo/lich-hen', label: t('workspace.nav.bookings') }] : []),
    // feedback to the agency: its leaders and desk officers answer, its specialists and clerks read (evaluation/policy.ts)
    ...(grants.some((g) => ['leader', 'desk_officer', 'specialist', 'clerk'].includes(g.role)) ? [{ to: '/can-bo/phan-anh', label: t('workspace.nav.feedback') }] : []),
  ];
  return (
    <nav aria-label={t('workspace.nav.label')} className="ws-nav">
      {links.map((l) => (
        <Anchor key={l.to} component={Link} to={l.to} aria-current={pathname === l.to ? 'page' : undefined}>
          {l.label}
        </Anchor>
      ))}
      <DeskShortcuts />
    </nav>
  );
}
