// Progress goes to stderr, so that stdout carries only the results.
export function log(message) {
  process.stderr.write(`[bench] ${message}\n`);
}
