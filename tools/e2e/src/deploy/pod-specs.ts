import type { Manifest } from './deploy-tools';

/** The parts of a container the checks read. */
export interface Container {
  name: string;
  command?: string[];
  env?: { name: string; value?: string }[];
  ports?: { name: string; containerPort: number }[];
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
  securityContext?: Record<string, unknown>;
  readinessProbe?: { httpGet?: { path: string; port: string } };
  livenessProbe?: { httpGet?: { path: string; port: string } };
  resources?: { requests?: { memory?: string }; limits?: { memory?: string } };
}

export interface Volume {
  name: string;
  secret?: { secretName: string; items?: { key: string; path: string }[] };
  configMap?: { name: string };
  emptyDir?: Record<string, unknown>;
}

export interface PodSpec {
  securityContext?: Record<string, unknown>;
  containers: Container[];
  initContainers?: Container[];
  volumes?: Volume[];
  topologySpreadConstraints?: { topologyKey: string }[];
  affinity?: Record<string, unknown>;
}

/** The pod template of a Deployment or StatefulSet. */
export function podSpecOf(workload: Manifest): PodSpec {
  const template = (workload.spec as { template: { spec: PodSpec } }).template;
  return template.spec;
}

export const byKind = (manifests: Manifest[], kind: string) => manifests.filter((m) => m.kind === kind);

/** The Deployments of Gatehouse's own apps (not the builtin MongoDB or Redis). */
export function gatehouseDeployments(manifests: Manifest[]): Manifest[] {
  return byKind(manifests, 'Deployment').filter((deployment) =>
    podSpecOf(deployment).containers.some((container) =>
      ['dashboard', 'bridge', 'gateway', 'pump'].includes(container.name),
    ),
  );
}

/** Each file path a container is told about (`*_FILE` variables), with the variable's name. */
export function filePathsOf(container: Container): { variable: string; path: string }[] {
  return (container.env ?? [])
    .filter((variable) => variable.name.endsWith('_FILE') && variable.value)
    .map((variable) => ({ variable: variable.name, path: variable.value ?? '' }));
}

/**
 * Why `path` would be missing in `container` of `pod`, or undefined when a mount provides it: a mount
 * must hold it, and a Secret or ConfigMap volume projecting chosen keys must project that file.
 */
export function unmountedReason(pod: PodSpec, container: Container, path: string): string | undefined {
  const mount = (container.volumeMounts ?? []).find((candidate) =>
    path.startsWith(`${candidate.mountPath}/`),
  );
  if (!mount) return `${path}: no volume is mounted there`;
  const volume = (pod.volumes ?? []).find((candidate) => candidate.name === mount.name);
  if (!volume) return `${path}: mount ${mount.name} has no volume`;
  const file = path.slice(mount.mountPath.length + 1);
  const items = volume.secret?.items;
  if (items && !items.some((item) => item.path === file))
    return `${path}: ${volume.name} does not project ${file}`;
  return undefined;
}

/** Every path a config document names in a `*_file` key (tyk.conf's ca_file, cert_file, ...), at any depth. */
export function filesNamedIn(config: unknown): string[] {
  if (Array.isArray(config)) return config.flatMap(filesNamedIn);
  if (config === null || typeof config !== 'object') return [];
  return Object.entries(config).flatMap(([key, value]) =>
    key.endsWith('_file') && typeof value === 'string' && value !== '' ? [value] : filesNamedIn(value),
  );
}

/** The Secret and key a file in `container` comes from (`secret:<name>/<key>`), or why it does not. */
export function secretBehind(pod: PodSpec, container: Container, path: string): string {
  const problem = unmountedReason(pod, container, path);
  if (problem) return problem;
  const mount = (container.volumeMounts ?? []).find((candidate) =>
    path.startsWith(`${candidate.mountPath}/`),
  );
  const volume = (pod.volumes ?? []).find((candidate) => candidate.name === mount?.name);
  if (!mount || !volume?.secret) return `${path}: not from a Secret`;
  const file = path.slice(mount.mountPath.length + 1);
  const key = volume.secret.items?.find((item) => item.path === file)?.key ?? file;
  return `secret:${volume.secret.secretName}/${key}`;
}
