import {
  httpListenSchema,
  logSettingsSchema,
  mongoUrlSchema,
  shutdownTimeoutMsSchema,
} from '@gatehouse/shared-config';
import { z } from 'zod';

/** Every dashboard setting; set each with GATEHOUSE_DASHBOARD_<PATH>, e.g. GATEHOUSE_DASHBOARD_MONGO_URL. */
export const dashboardConfigSchema = z.object({
  http: httpListenSchema(3000),
  mongo: z.object({
    url: mongoUrlSchema,
    database: z.string().min(1).default('gatehouse'),
    /** How long to look for a server at start and per operation before failing. */
    serverSelectionTimeoutMs: z.number().int().min(1).default(5000),
  }),
  log: logSettingsSchema,
  shutdownTimeoutMs: shutdownTimeoutMsSchema,
});

export type DashboardConfig = z.output<typeof dashboardConfigSchema>;
