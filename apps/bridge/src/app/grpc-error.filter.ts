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

/** The one place gRPC status codes are chosen; unexpected errors become INTERNAL without details. */
@Catch()
export class GrpcErrorFilter implements RpcExceptionFilter<unknown> {
  private readonly logger = new Logger('GrpcErrorFilter');

  catch(exception: unknown): Observable<never> {
    if (exception instanceof DomainError) {
      return throwError(() => ({ code: GRPC_STATUS_BY_CODE[exception.code], message: exception.message }));
    }
    if (exception instanceof RpcException) return throwError(() => exception.getError());
    this.logger.error(
      exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
    );
    return throwError(() => ({ code: status.INTERNAL, message: 'internal error' }));
  }
}
