import { QueryClient } from '@tanstack/react-query';
import { createRoute, createRouter } from '@tanstack/react-router';

import { overviewRoutes } from '../pages/overview/routes';
import { apisRoutes } from '../pages/apis/routes';
import { policiesRoutes } from '../pages/policies/routes';
import { keysRoutes } from '../pages/keys/routes';
import { gatewaysRoutes } from '../pages/gateways/routes';
import { analyticsRoutes } from '../pages/analytics/routes';
import { auditRoutes } from '../pages/audit/routes';
import { usersRoutes } from '../pages/users/routes';
import { tokensRoutes } from '../pages/tokens/routes';
import { AcceptInvitationPage } from '../pages/sign-in/AcceptInvitationPage';
import { SignInPage } from '../pages/sign-in/SignInPage';
import { appRoute, rootRoute } from './root-routes';

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  validateSearch: (search: Record<string, unknown>) => ({
    redirect: typeof search['redirect'] === 'string' ? search['redirect'] : undefined,
  }),
  component: SignInPage,
});

const acceptInvitationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/accept-invitation',
  component: AcceptInvitationPage,
});

const routeTree = rootRoute.addChildren([
  signInRoute,
  acceptInvitationRoute,
  appRoute.addChildren([
    ...overviewRoutes,
    ...apisRoutes,
    ...policiesRoutes,
    ...keysRoutes,
    ...gatewaysRoutes,
    ...analyticsRoutes,
    ...auditRoutes,
    ...usersRoutes,
    ...tokensRoutes,
  ]),
]);

export function createConsoleRouter(queryClient: QueryClient) {
  return createRouter({ routeTree, context: { queryClient }, defaultPreload: 'intent' });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createConsoleRouter>;
  }
}
