import { createRoute, lazyRouteComponent } from '@tanstack/react-router';

import { appRoute } from '../../app/root-routes';
import { parseKeysSearch } from './key-search';

/** Keys: each page is its own chunk, loaded when first visited. */
export const keysListRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/keys',
  validateSearch: parseKeysSearch,
  component: lazyRouteComponent(() => import('./KeysPage'), 'KeysPage'),
});

export const keyCreateRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/keys/new',
  component: lazyRouteComponent(() => import('./KeyCreatePage'), 'KeyCreatePage'),
});

export const keyDetailRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/keys/$hash',
  component: lazyRouteComponent(() => import('./KeyDetailPage'), 'KeyDetailPage'),
});

export const keysRoutes = [keysListRoute, keyCreateRoute, keyDetailRoute];
