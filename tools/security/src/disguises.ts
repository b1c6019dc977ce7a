/** `%XX` for every character of `text`, hex in the given case. */
function escapeAll(text: string, upper = true): string {
  return [...text]
    .map((char) => {
      const hex = char.charCodeAt(0).toString(16).padStart(2, '0');
      return `%${upper ? hex.toUpperCase() : hex}`;
    })
    .join('');
}

/**
 * Ways to write a request path that an nginx-like upstream reads as `/<target>` (or would, for the ones
 * the gateway must refuse), starting from an innocent-looking `/<decoy>`: the attack review's
 * `//admin`, `/./admin`, `/x/../admin`, `/%61dmin`, `/allowed/%2e%2e/other` and their relatives.
 */
export function disguises(target: string, decoy: string): string[] {
  const [first, ...rest] = target;
  return [
    `/${target}`,
    `//${target}`,
    `///${target}`,
    `/./${target}`,
    `/%2e/${target}`,
    `/${decoy}/../${target}`,
    `/${decoy}/%2e%2e/${target}`,
    `/${decoy}/%2E%2E/${target}`,
    `/${decoy}/.%2e/${target}`,
    `/${decoy}/%2e./${target}`,
    `/${decoy}//..//${target}`,
    `/${decoy}/./../${target}`,
    `/${decoy}/x/../../${target}`,
    `/${decoy}/../${target}/`,
    `/${decoy}/../${target}?q=1`,
    `/${escapeAll(first, false)}${rest.join('')}`,
    `/${escapeAll(target)}`,
    `/${decoy}/${escapeAll('../')}${target}`,
    `/${decoy}/..%2f${target}`,
    `/${decoy}%2f..%2f${target}`,
    `/${decoy}/..%5c${target}`,
    `/${decoy}\\..\\${target}`,
    `/${decoy}/..;/${target}`,
    `/${decoy}/%252e%252e/${target}`,
    `/${target}%00`,
    `/${decoy}/%2e%2e%2f${target}`,
  ];
}
