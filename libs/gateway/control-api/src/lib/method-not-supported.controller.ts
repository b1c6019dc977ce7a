import { InvalidInputError, MethodNotAllowedError } from '@gatehouse/shared-kernel';
import { Controller, RequestMapping, RequestMethod, UseGuards } from '@nestjs/common';

import { TykAuthGuard } from './tyk-auth.guard';

const { GET, POST, PUT, DELETE, PATCH } = RequestMethod;

/**
 * The methods Tyk 5.10.2's router refuses on each Gateway API route it knows (gateway/server.go; a
 * method another route of the same path takes, such as GET /tyk/keys/create reading a key named
 * "create", is not here). Tyk checks the secret first, so these answers are guarded too.
 */
const REFUSED: [path: string, methods: RequestMethod[]][] = [
  ['reload', [POST, PUT, DELETE, PATCH]],
  ['reload/group', [POST, PUT, DELETE, PATCH]],
  ['keys', [PATCH]],
  ['keys/:key', [PATCH]],
  ['keys/policy/:keyHash', [GET, PUT, DELETE, PATCH]],
  ['apis', [PUT, DELETE, PATCH]],
  ['apis/:id', [PATCH]],
  ['apis/oas/:id', [POST]],
  ['apis/oas/:id/export', [POST, PUT, DELETE, PATCH]],
  ['policies', [PATCH]],
  ['policies/:id', [PATCH]],
];

/** Tyk's policy handler refuses an update or delete without an id with these words (400). */
const NEEDS_ID: [RequestMethod, string][] = [
  [PUT, 'Must specify an apiID to update'],
  [DELETE, 'Must specify an apiID to delete'],
];

function route(target: object, name: string, path: string, method: RequestMethod, answer: () => never): void {
  Object.defineProperty(target, name, { value: answer, writable: true, configurable: true });
  const descriptor = Object.getOwnPropertyDescriptor(target, name) as PropertyDescriptor;
  RequestMapping({ path, method })(target, name, descriptor);
}

@Controller('tyk')
@UseGuards(TykAuthGuard)
export class MethodNotSupportedController {}

for (const [path, methods] of REFUSED) {
  for (const method of methods) {
    route(
      MethodNotSupportedController.prototype,
      `refuse ${RequestMethod[method]} ${path}`,
      path,
      method,
      () => {
        throw new MethodNotAllowedError('Method not supported');
      },
    );
  }
}
for (const [method, message] of NEEDS_ID) {
  route(
    MethodNotSupportedController.prototype,
    `policy ${RequestMethod[method]} without id`,
    'policies',
    method,
    () => {
      throw new InvalidInputError([{ path: 'id', message }]);
    },
  );
}
