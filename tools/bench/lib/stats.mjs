// Latency statistics over samples in milliseconds.

/** Nearest-rank percentile: always one of the samples, never an interpolation between two. */
export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Two decimals; null where there is no number, as JSON has no NaN. */
export const round = (value) => (Number.isFinite(value) ? Math.round(value * 100) / 100 : null);

/** `planned` measurements of which `samples` succeeded and `failures` failed; the rest were not run. */
export function summary(samples, failures, planned) {
  return {
    n: samples.length,
    failures,
    not_run: Math.max(0, planned - samples.length - failures),
    p50_ms: round(percentile(samples, 50)),
    p99_ms: round(percentile(samples, 99)),
    max_ms: round(samples.length ? Math.max(...samples) : NaN),
    samples_ms: samples.map(round),
  };
}
