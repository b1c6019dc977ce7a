/**
 * Answers to request bodies the apps cannot read, saying what is wrong and what to send. Fastify's own
 * say "Body is not valid JSON but content-type is set to 'application/json'" (false when every type is
 * read as JSON, as the gateway does: `curl -d` sends a form type) and a bare "Unsupported Media Type".
 */

/** Shaped like Fastify's own body errors, so the error filter answers it as a 400 with this message. */
export function invalidJson(text: string): Error {
  // Valid JSON the parser refused sets `__proto__` or `constructor.prototype` (prototype poisoning).
  let reason = 'it sets __proto__ or constructor.prototype';
  try {
    JSON.parse(text);
  } catch (error) {
    reason = (error as Error).message;
  }
  return Object.assign(new Error(`the body is not valid JSON: ${reason}`), {
    statusCode: 400,
    code: 'FST_ERR_CTP_INVALID_JSON_BODY',
  });
}

/** The message of a 415: the content type sent (if any) and the one to send. */
export function unsupportedContentTypeMessage(contentType: string | string[] | undefined): string {
  const sent = Array.isArray(contentType) ? contentType.join(', ') : contentType;
  return sent
    ? `content-type '${sent}' is not supported: send the body as application/json`
    : 'the body has no content-type: send it as application/json';
}
