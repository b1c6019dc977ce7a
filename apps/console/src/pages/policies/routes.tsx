import { createRoute, lazyRouteComponent } from '@tanstack/react-router';

import { appRoute } from '../../app/root-routes';
import { parsePolicyListSearch } from './policy-list-search';

/** Policies: each page is its own chunk, loaded when first visited. */
export const policiesListRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/policies',
  validateSearch: parsePolicyListSearch,
  component: lazyRouteComponent(() => import('./PoliciesPage'), 'PoliciesPage'),
});

export const newPolicyRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/policies/new',
  component: lazyRouteComponent(() => import('./NewPolicyPage'), 'NewPolicyPage'),
});

export const policyRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/policies/$policyId',
  validateSearch: (search: Record<string, unknown>): { created?: boolean } =>
    search['created'] === true || search['created'] === 'true' ? { created: true } : {},
  component: lazyRouteComponent(() => import('./PolicyPage'), 'PolicyPage'),
});

export const policiesRoutes = [policiesListRoute, newPolicyRoute, policyRoute];
