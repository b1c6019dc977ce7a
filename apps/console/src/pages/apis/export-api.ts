/** A file name for an exported definition: the API's name, made safe for file systems. */
export function exportFileName(name: string, apiId: string): string {
  const base = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${base || apiId}.json`;
}

/** Hands the browser a JSON document to save, without a round trip through a URL the API would serve. */
export function downloadJson(document: unknown, fileName: string): void {
  const blob = new Blob([`${JSON.stringify(document, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = Object.assign(window.document.createElement('a'), { href: url, download: fileName });
  window.document.body.append(link);
  link.click();
  link.remove();
  // Revoked on the next task: the download has started by then, and the blob is freed.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
