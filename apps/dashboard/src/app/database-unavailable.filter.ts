import { DomainErrorFilter } from '@gatehouse/shared-app-runtime';
import { unavailableFromMongo } from '@gatehouse/shared-control-plane-db';
import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';

/**
 * Answers a saturated or unreachable database with 503 and Retry-After (a caller may retry; the pool's
 * wait-queue timeout makes it fail fast) instead of a 500 that looks like a bug. Everything else goes
 * to the shared {@link DomainErrorFilter} unchanged. Registered after it, so Nest tries it first.
 */
@Catch()
export class DatabaseUnavailableFilter implements ExceptionFilter {
  private readonly errors = new DomainErrorFilter();

  catch(exception: unknown, host: ArgumentsHost): void {
    this.errors.catch(unavailableFromMongo(exception) ?? exception, host);
  }
}
