/**
 * A real dependency a process needs (MongoDB, Redis, the bridge). The health endpoint runs every probe;
 * `probe` resolves when the dependency answers and rejects with the reason when it does not.
 */
export interface DependencyProbe {
  readonly name: string;
  readonly componentType: 'datastore' | 'component' | 'system';
  probe(): Promise<void>;
}
