import { createRoute, lazyRouteComponent } from '@tanstack/react-router';

import { appRoute } from '../../app/root-routes';
import { parseAuditSearch } from './audit-search';

/** Audit log: each page is its own chunk, loaded when first visited. */
export const auditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/audit',
  validateSearch: parseAuditSearch,
  component: lazyRouteComponent(() => import('./AuditPage'), 'AuditPage'),
});

export const auditRoutes = [auditRoute];
