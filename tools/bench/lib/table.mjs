// The fixed-width result tables the benchmarks print to stdout.

/**
 * Prints `rows` under `columns`, each [title, width, gap]: the first column padded on the right, the
 * others padded on the left after `gap` spaces (1 unless given). A missing value shows as '-'.
 */
export function printTable(columns, rows) {
  const line = (cells) =>
    cells
      .map((cell, i) => {
        const text = String(cell ?? '-');
        const [, width, gap = 1] = columns[i];
        return i === 0 ? text.padEnd(width) : ' '.repeat(gap) + text.padStart(width);
      })
      .join('');
  console.log(`\n${line(columns.map(([title]) => title))}`);
  for (const row of rows) console.log(line(row));
}
