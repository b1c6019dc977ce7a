import { DomainError, DomainErrorCode } from '@gatehouse/shared-kernel';
import { status } from '@grpc/grpc-js';
import { Catch, Logger, RpcExceptionFilter } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { Observable, throwError } from 'rxjs';

const GRPC_STATUS_BY_CODE: Record<DomainErrorCode, status> = {
  invalid_input: status.INVALID_ARGUMENT,
  unauthenticated: status.UNAUTHENTICATED,
  forbidden: status.PERMISSION_DENIED,
  not_found: status.NOT_FOUND,
  conflict: status.ALREADY_EXISTS,
  method_not_allowed: status.UNIMPLEMENTED,
  too_many_requests: status.RESOURCE_EXHAUSTED,
  unavailable: status.UNAVAILABLE,
};

const logger = new Logger('GrpcErrorFilter');

/** Turns a driver's error into a domain error where it can (a saturated database is UNAVAILABLE). */
export type ErrorTranslator = (thrown: unknown) => DomainError | undefined;

/**
 * The one place gRPC status codes are chosen; unexpected errors become INTERNAL without details, and are
 * logged with their stack.
 */
function toGrpcError(
  thrown: unknown,
  translate: ErrorTranslator,
): { code: status; message: string } | object {
  const exception = translate(thrown) ?? thrown;
  if (exception instanceof DomainError) {
    return { code: GRPC_STATUS_BY_CODE[exception.code], message: exception.message };
  }
  if (exception instanceof RpcException) return exception.getError() as object;
  logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
  return { code: status.INTERNAL, message: 'internal error' };
}

@Catch()
export class GrpcErrorFilter implements RpcExceptionFilter<unknown> {
  constructor(private readonly translate: ErrorTranslator = () => undefined) {}

  catch(exception: unknown): Observable<never> {
    return throwError(() => toGrpcError(exception, this.translate));
  }
}
