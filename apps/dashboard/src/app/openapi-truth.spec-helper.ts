import { repoRoot } from '@gatehouse/shared-testing';
import Ajv2020 from 'ajv/dist/2020';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface DeclaredResponse {
  headers?: Record<string, { required?: boolean }>;
  content?: Record<string, { schema?: unknown }>;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, { operationId: string; responses: Record<string, DeclaredResponse> }>>;
}

/** A real answer of the API, as the checker needs it. */
export interface RealAnswer {
  status: number;
  headers: Headers;
  text: string;
}

/** `/api/v1/apis/{id}` as a JSON-pointer segment. */
const pointerSegment = (path: string) => path.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Checks real answers against the OpenAPI document: the answer's status must be declared for the
 * operation, a body must satisfy the declared JSON schema (draft 2020-12, as 3.1 says), a 204 must be
 * empty, and every required header must be there.
 */
export class OpenApiTruth {
  private readonly ajv = new Ajv2020({
    // The document is an OpenAPI document, not a schema: its own keys (openapi, paths) are not keywords.
    strict: false,
    // zod writes a pattern beside every `format: date-time`; the pattern is what is checked.
    validateFormats: false,
    allErrors: true,
  });

  constructor(readonly document: OpenApiDocument) {
    this.ajv.addSchema(document, 'dashboard');
  }

  /** The committed document, the one the console's client is generated from. */
  static committed(): OpenApiTruth {
    const path = join(repoRoot(), 'docs', 'openapi', 'dashboard.json');
    return new OpenApiTruth(JSON.parse(readFileSync(path, 'utf8')) as OpenApiDocument);
  }

  /** Every operation of the document, as `METHOD /path`. */
  operations(): string[] {
    return Object.entries(this.document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
  }

  /** What is wrong with the answer, by the document; empty when it is true to it. */
  problems(method: string, path: string, answer: RealAnswer): string[] {
    const operation = this.document.paths[path]?.[method.toLowerCase()];
    if (!operation) return [`the document has no ${method} ${path}`];
    const declared = operation.responses[String(answer.status)];
    if (!declared) return [`${operation.operationId} answered ${answer.status}, which it does not declare`];
    const problems = Object.entries(declared.headers ?? {})
      .filter(([name, header]) => header.required && answer.headers.get(name) === null)
      .map(([name]) => `${operation.operationId} answered without its ${name} header`);
    if (answer.status === 204)
      return answer.text === ''
        ? problems
        : [...problems, `${operation.operationId} answered 204 with a body`];
    if (!declared.content?.['application/json']?.schema)
      return [...problems, `${operation.operationId} declares no schema for its ${answer.status} answer`];
    const pointer = `/paths/${pointerSegment(path)}/${method.toLowerCase()}/responses/${answer.status}/content/application~1json/schema`;
    const validate = this.ajv.getSchema(`dashboard#${pointer}`);
    if (!validate) return [...problems, `no schema at ${pointer}`];
    if (validate(JSON.parse(answer.text))) return problems;
    return [
      ...problems,
      `${operation.operationId}: ${this.ajv.errorsText(validate.errors, { separator: '; ' })}`,
    ];
  }
}
