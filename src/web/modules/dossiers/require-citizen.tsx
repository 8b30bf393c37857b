import type { ComponentType, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { useMe } from '../identity/identity.api.ts';
import { Loading, LoadError } from '../../ui/query-state.tsx';
import { usePageTitle } from '../../ui/use-page-title.ts';

/** Signed-in pages: a visitor goes to sign in first and comes back here afterwards. */
export function RequireSignIn({ children }: { children: ReactNode }) {
  const me = useMe();
  const { pathname, search } = useLocation();
  if (me.isPending) return <Loading />;
  // Not known (the network or the server failed): not the same as signed out.
  if (me.isError && !me.data) return <LoadError onRetry={() => void me.refetch()} />;
  if (!me.data) return <Navigate to={`/dang-nhap?next=${encodeURIComponent(pathname + search)}`} replace />;
  return <>{children}</>;
}

/** A route's page behind sign-in whose body sets the document title itself (from what it loads). */
export function signedIn(Body: ComponentType): ComponentType {
  return function SignedIn() {
    return (
      <RequireSignIn>
        <Body />
      </RequireSignIn>
    );
  };
}

/** A route's page behind sign-in: the document title from `titleKey` (i18n), then `Body` once signed in. */
export function signedInPage(titleKey: string, Body: ComponentType): ComponentType {
  return function SignedInPage() {
    const { t } = useTranslation();
    usePageTitle(t(titleKey));
    return (
      <RequireSignIn>
        <Body />
      </RequireSignIn>
    );
  };
}
