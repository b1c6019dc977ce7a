import { unavailableFromMongo } from '@gatehouse/shared-control-plane-db';
import { TooManyRequestsError } from '@gatehouse/shared-kernel';
import { status } from '@grpc/grpc-js';
import { firstValueFrom } from 'rxjs';

import { GrpcErrorFilter } from './grpc-error.filter';

/** The driver's pool-timeout error, by the name it documents (the class is not exported). */
function poolTimeout(): Error {
  const error = new Error('Timed out while checking out a connection from connection pool');
  Object.defineProperty(error, 'name', { value: 'MongoWaitQueueTimeoutError' });
  return error;
}

describe(GrpcErrorFilter.name, () => {
  const sut = new GrpcErrorFilter(unavailableFromMongo);
  const statusOf = (exception: unknown) =>
    firstValueFrom(sut.catch(exception)).catch((error: unknown) => error);

  it('answers a call that found no free database connection in time with UNAVAILABLE', async () => {
    await expect(statusOf(poolTimeout())).resolves.toEqual({
      code: status.UNAVAILABLE,
      message: 'the database is busy (no free connection in time); retry shortly',
    });
  });

  it('answers a refused share with RESOURCE_EXHAUSTED and its reason', async () => {
    await expect(statusOf(new TooManyRequestsError('org over its GetKey call rate'))).resolves.toEqual({
      code: status.RESOURCE_EXHAUSTED,
      message: 'org over its GetKey call rate',
    });
  });
});
