import {
  httpListenSchema,
  logSettingsSchema,
  mongoConnectionSchema,
  shutdownTimeoutMsSchema,
} from '@gatehouse/shared-config';
import { z } from 'zod';

/** Every dashboard setting; set each with GATEHOUSE_DASHBOARD_<PATH>, e.g. GATEHOUSE_DASHBOARD_MONGO_URL. */
export const dashboardConfigSchema = z.object({
  http: httpListenSchema(3000),
  mongo: mongoConnectionSchema,
  log: logSettingsSchema,
  shutdownTimeoutMs: shutdownTimeoutMsSchema,
});

export type DashboardConfig = z.output<typeof dashboardConfigSchema>;
