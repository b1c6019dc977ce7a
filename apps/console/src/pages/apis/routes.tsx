import { createRoute, lazyRouteComponent } from '@tanstack/react-router';

import { appRoute } from '../../app/root-routes';
import { parseApiListSearch } from './api-list-search';

/** APIs: each page is its own chunk, loaded when first visited; the editor's chunk only on create/edit. */
export const apisListRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/apis',
  validateSearch: parseApiListSearch,
  component: lazyRouteComponent(() => import('./ApisPage'), 'ApisPage'),
});

export const newApiRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/apis/new',
  component: lazyRouteComponent(() => import('./NewApiPage'), 'NewApiPage'),
});

export const importApisRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/apis/import',
  component: lazyRouteComponent(() => import('./ImportApisPage'), 'ImportApisPage'),
});

export const apiRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/apis/$apiId',
  validateSearch: (search: Record<string, unknown>): { created?: boolean } =>
    search['created'] === true || search['created'] === 'true' ? { created: true } : {},
  component: lazyRouteComponent(() => import('./ApiPage'), 'ApiPage'),
});

export const apisRoutes = [apisListRoute, newApiRoute, importApisRoute, apiRoute];
