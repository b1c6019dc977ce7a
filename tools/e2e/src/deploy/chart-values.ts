import { parse } from 'yaml';

import type { AppName } from '../app-process';
import { deployFile } from './deploy-tools';

interface ComponentValues {
  resources: { requests: { memory: string } };
}

/** Where each app's settings sit in the chart's values.yaml (the pump: the central one). */
const VALUES_PATH: Record<AppName, [string, string]> = {
  dashboard: ['controlPlane', 'dashboard'],
  bridge: ['controlPlane', 'bridge'],
  gateway: ['region', 'gateway'],
  pump: ['controlPlane', 'pump'],
};

/** A Kubernetes quantity in Mi or Gi, in MiB. */
export function mebibytesOf(quantity: string): number {
  const match = /^(\d+)(Mi|Gi)$/.exec(quantity);
  if (!match) throw new Error(`${quantity}: expected a quantity in Mi or Gi`);
  return Number(match[1]) * (match[2] === 'Gi' ? 1024 : 1);
}

/** The memory the Helm chart requests for `app` by default (deploy/helm/gatehouse/values.yaml), in MiB. */
export function chartMemoryRequestMebibytes(app: AppName): number {
  const values = parse(deployFile('helm', 'gatehouse', 'values.yaml')) as Record<
    string,
    Record<string, ComponentValues>
  >;
  const [section, component] = VALUES_PATH[app];
  return mebibytesOf(values[section][component].resources.requests.memory);
}
