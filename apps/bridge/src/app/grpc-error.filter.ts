import { unavailableFromMongo } from '@gatehouse/shared-control-store';
import { DomainError, DomainErrorCode } from '@gatehouse/shared-model';
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
  too_many_requests: status.RESOURCE_EXHAUSTED,
  unavailable: status.UNAVAILABLE,
};

const logger = new Logger('GrpcErrorFilter');

/**
 * The one place gRPC status codes are chosen; unexpected errors become INTERNAL without details. A
 * saturated or unreachable database is UNAVAILABLE (gateways retry), not INTERNAL.
 */
function toGrpcError(thrown: unknown): { code: status; message: string } | object {
  const exception = unavailableFromMongo(thrown) ?? thrown;
  if (exception instanceof DomainError) {
    return { code: GRPC_STATUS_BY_CODE[exception.code], message: exception.message };
  }
  if (exception instanceof RpcException) return exception.getError() as object;
  logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
  return { code: status.INTERNAL, message: 'internal error' };
}

@Catch()
export class GrpcErrorFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown): Observable<never> {
    return throwError(() => toGrpcError(exception));
  }
}
