import { createRoute, lazyRouteComponent } from '@tanstack/react-router';

import { appRoute } from '../../app/root-routes';

/** Overview: each page is its own chunk, loaded when first visited. */
export const overviewRoutes = [
  createRoute({
    getParentRoute: () => appRoute,
    path: '/',
    component: lazyRouteComponent(() => import('./OverviewPage'), 'OverviewPage'),
  }),
];
