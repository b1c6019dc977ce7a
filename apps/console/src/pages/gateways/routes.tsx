import { createRoute, lazyRouteComponent } from '@tanstack/react-router';

import { appRoute } from '../../app/root-routes';

/** Gateways: each page is its own chunk, loaded when first visited. */
export const gatewaysRoutes = [
  createRoute({
    getParentRoute: () => appRoute,
    path: '/gateways',
    // `deleted` names the group just deleted, so the list can say so after the detail page navigates here.
    validateSearch: (search: Record<string, unknown>): { deleted?: string } =>
      typeof search['deleted'] === 'string' ? { deleted: search['deleted'] } : {},
    component: lazyRouteComponent(() => import('./GatewayGroupsPage'), 'GatewayGroupsPage'),
  }),
  createRoute({
    getParentRoute: () => appRoute,
    path: '/gateways/$groupId',
    component: lazyRouteComponent(() => import('./GatewayGroupPage'), 'GatewayGroupPage'),
  }),
];
