/**
 * `application/x-www-form-urlencoded` bodies for the few routes that take forms (Tyk's OAuth revoke
 * routes): each field's first value, as Go's FormValue reads it.
 */

/** Shaped like Fastify's own body errors, so the error filter answers it as a 400 with Tyk's words. */
export function malformedForm(): Error {
  return Object.assign(new Error('cannot parse form. Form malformed'), {
    statusCode: 400,
    code: 'FORM_MALFORMED',
  });
}

/** The fields of a form body (a null-prototype object: no field can reach Object.prototype); undefined when malformed. */
export function parseFormBody(text: string): Record<string, string> | undefined {
  const fields: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const at = pair.indexOf('=');
    let name: string;
    let value: string;
    try {
      name = decodeURIComponent((at === -1 ? pair : pair.slice(0, at)).replace(/\+/g, ' '));
      value = decodeURIComponent((at === -1 ? '' : pair.slice(at + 1)).replace(/\+/g, ' '));
    } catch {
      return undefined;
    }
    if (!(name in fields)) fields[name] = value;
  }
  return fields;
}
