/**
 * One counter from a Prometheus text exposition (a /metrics body), summed over the series whose labels
 * contain `label` ('' for all). A declared counter without such a series counts 0; a counter that is not
 * declared at all (renamed, unregistered) throws, so a test cannot pass by reading nothing.
 */
export function prometheusCounter(metrics: string, name: string, label = ''): number {
  if (!metrics.includes(`# TYPE ${name} counter`)) throw new Error(`no counter ${name} in /metrics`);
  return metrics
    .split('\n')
    .filter((line) => (line.startsWith(`${name}{`) || line.startsWith(`${name} `)) && line.includes(label))
    .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}
