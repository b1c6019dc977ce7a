import type { ArgumentsHost } from '@nestjs/common';

import { DatabaseUnavailableFilter } from './database-unavailable.filter';

/** A reply that records what the filter answered. */
function answered() {
  const reply = {
    statusCode: 0,
    headers: {} as Record<string, string>,
    body: undefined as unknown,
    status(code: number) {
      reply.statusCode = code;
      return reply;
    },
    header(name: string, value: string) {
      reply.headers[name] = value;
      return reply;
    },
    send(body: unknown) {
      reply.body = body;
      return reply;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => reply }) } as unknown as ArgumentsHost;
  return { reply, host };
}

/** The driver's pool-timeout error, by the name it documents (the class is not exported). */
function driverError(name: string): Error {
  const error = new Error('Timed out while checking out a connection from connection pool');
  Object.defineProperty(error, 'name', { value: name });
  return error;
}

describe(DatabaseUnavailableFilter.name, () => {
  const sut = new DatabaseUnavailableFilter();

  it('answers a request that found no free database connection in time with 503 and Retry-After', () => {
    const { reply, host } = answered();
    sut.catch(driverError('MongoWaitQueueTimeoutError'), host);
    expect(reply.statusCode).toBe(503);
    expect(reply.headers['retry-after']).toBe('1');
    expect(reply.body).toEqual({
      statusCode: 503,
      error: 'unavailable',
      message: 'the database is busy (no free connection in time); retry shortly',
    });
  });

  it('leaves every other error to the shared filter (a bug is still a 500)', () => {
    const { reply, host } = answered();
    sut.catch(new TypeError('bug'), host);
    expect(reply.statusCode).toBe(500);
  });
});
