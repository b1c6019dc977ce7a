// Reading the apps' Prometheus /metrics text.

/**
 * Fetches `url` and resolves with a function (name, labels) => the sum of the series `name` whose
 * labels include every entry of `labels`; 0 when there is none.
 */
export async function scrape(url, { signal } = {}) {
  const text = await (await fetch(url, { signal })).text();
  const series = [];
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!match) continue;
    const labels = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => m.slice(1)),
    );
    series.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return (name, labels = {}) =>
    series
      .filter((entry) => entry.name === name)
      .filter((entry) => Object.entries(labels).every(([key, value]) => entry.labels[key] === value))
      .reduce((sum, entry) => sum + entry.value, 0);
}
