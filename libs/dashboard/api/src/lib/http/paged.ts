import type { FastifyReply } from 'fastify';

/** One page of a list and how many entries match its filter in all (the `X-Total-Count` header). */
export interface ListPage<T> {
  items: T[];
  total: number;
}

export const TOTAL_COUNT_HEADER = 'X-Total-Count';

/**
 * The page's entries as the body and its total as a header: the body stays the bare array older
 * clients read, and a console can still say "1–50 of 10,000".
 */
export function answerPage<T>(reply: FastifyReply, page: ListPage<T>): T[] {
  reply.header(TOTAL_COUNT_HEADER, String(page.total));
  return page.items;
}
