import { createRoute, lazyRouteComponent } from '@tanstack/react-router';

import { appRoute } from '../../app/root-routes';
import { parseAnalyticsSearch } from './analytics-search';

/** Analytics: its own chunk (with uPlot), loaded when first visited; its state lives in the URL. */
export const analyticsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/analytics',
  validateSearch: parseAnalyticsSearch,
  component: lazyRouteComponent(() => import('./AnalyticsPage'), 'AnalyticsPage'),
});

export const analyticsRoutes = [analyticsRoute];
