import { createRoute, lazyRouteComponent } from '@tanstack/react-router';

import { appRoute } from '../../app/root-routes';

/** API tokens: each page is its own chunk, loaded when first visited. */
export const tokensRoutes = [
  createRoute({
    getParentRoute: () => appRoute,
    path: '/tokens',
    component: lazyRouteComponent(() => import('./TokensPage'), 'TokensPage'),
  }),
];
