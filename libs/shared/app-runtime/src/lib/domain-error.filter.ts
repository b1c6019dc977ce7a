import {
  DomainError,
  DomainErrorCode,
  InvalidInputError,
  TooManyRequestsError,
  UnavailableError,
} from '@gatehouse/shared-kernel';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';

import { unsupportedContentTypeMessage } from './body-errors';

const STATUS_BY_CODE: Record<DomainErrorCode, number> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  method_not_allowed: 405,
  too_many_requests: 429,
  unavailable: 503,
};

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  issues?: { path: string; message: string }[];
  /** Set when the message words the failure itself instead of listing the issues. */
  summarised?: boolean;
}

/**
 * The one place HTTP status codes are chosen for errors. Domain errors keep their message; anything
 * unexpected is logged with its stack and answered with a generic 500 that leaks no internals.
 */
@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('DomainErrorFilter');

  /** `format` shapes the body on the wire (the gateway answers in Tyk's `{status, message}`). */
  constructor(private readonly format: (body: ErrorBody) => unknown = (body) => body) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = this.toBody(exception);
    // Fastify answers an unparsable or unregistered content type before any handler, with a bare
    // "Unsupported Media Type"; every body these apps take is JSON, so say that.
    if (body.statusCode === 415) {
      const request = host.switchToHttp().getRequest<FastifyRequest>();
      body.message = unsupportedContentTypeMessage(request.headers['content-type']);
    }
    const retryAfter = retryAfterSeconds(exception);
    if (retryAfter !== undefined) void reply.header('retry-after', String(retryAfter));
    void reply.status(body.statusCode).send(this.format(body));
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) {
      const statusCode = STATUS_BY_CODE[exception.code];
      const issues = exception instanceof InvalidInputError ? exception.issues : undefined;
      const summarised = exception instanceof InvalidInputError && exception.summary !== undefined;
      return {
        statusCode,
        error: exception.code,
        message: exception.message,
        ...(issues ? { issues } : {}),
        ...(summarised ? { summarised } : {}),
      };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const response = exception.getResponse();
      const message =
        typeof response === 'object' && response !== null && 'message' in response
          ? String((response as { message: unknown }).message)
          : exception.message;
      return { statusCode, error: exception.name, message };
    }
    if (isFastifyClientError(exception)) {
      return { statusCode: exception.statusCode, error: exception.code, message: exception.message };
    }
    this.logger.error(
      exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
    );
    return { statusCode: 500, error: 'internal', message: 'internal error' };
  }
}

/** Whole seconds a refused caller should wait (HTTP `Retry-After`), where the error knows it. */
function retryAfterSeconds(exception: unknown): number | undefined {
  if (!(exception instanceof TooManyRequestsError || exception instanceof UnavailableError)) return undefined;
  const seconds = exception.retryAfterSeconds;
  return seconds === undefined ? undefined : Math.max(1, Math.ceil(seconds));
}

/** Fastify's own errors (malformed JSON, body too large, bad content type) carry a 4xx statusCode. */
function isFastifyClientError(
  error: unknown,
): error is { statusCode: number; code: string; message: string } {
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as { statusCode?: unknown; code?: unknown };
  return (
    typeof candidate.statusCode === 'number' &&
    candidate.statusCode >= 400 &&
    candidate.statusCode < 500 &&
    typeof candidate.code === 'string'
  );
}
