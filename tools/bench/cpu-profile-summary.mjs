// Prints where a V8 .cpuprofile spent its time: self time per function, the top N.
import { readFileSync } from 'node:fs';

export function summarise(file, top = 15) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMicros = new Map();
  const deltas = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]);
    const frame = node.callFrame;
    const where = frame.url
      ? `${frame.url.replace(/^.*\/(node_modules\/)?/, '$1')}:${frame.lineNumber + 1}`
      : '(native)';
    const key = `${frame.functionName || '(anonymous)'} ${where}`;
    selfMicros.set(key, (selfMicros.get(key) ?? 0) + (deltas[i] ?? 0));
  }
  const total = [...selfMicros.values()].reduce((sum, value) => sum + value, 0);
  return [...selfMicros.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, micros]) => ({ name, percent: Math.round((micros / total) * 1000) / 10 }));
}
