import { createRoute, lazyRouteComponent } from '@tanstack/react-router';

import { appRoute } from '../../app/root-routes';

/** The page of the user list in the URL (zero-based), so back/forward and deep links keep it. */
export function parseUsersSearch(raw: Record<string, unknown>): { page?: number } {
  const page = Number(raw['page']);
  return { page: Number.isInteger(page) && page > 0 ? page : undefined };
}

/** Users: each page is its own chunk, loaded when first visited. */
export const usersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/users',
  validateSearch: parseUsersSearch,
  component: lazyRouteComponent(() => import('./UsersPage'), 'UsersPage'),
});

export const usersRoutes = [usersRoute];
