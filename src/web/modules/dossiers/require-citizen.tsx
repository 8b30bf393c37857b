import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useMe } from '../identity/identity.api.ts';
import { Loading } from '../../ui/query-state.tsx';

/** Signed-in pages: a visitor goes to sign in first and comes back here afterwards. */
export function RequireSignIn({ children }: { children: ReactNode }) {
  const me = useMe();
  const { pathname, search } = useLocation();
  if (me.isPending) return <Loading />;
  if (!me.data) return <Navigate to={`/dang-nhap?next=${encodeURIComponent(pathname + search)}`} replace />;
  return <>{children}</>;
}
