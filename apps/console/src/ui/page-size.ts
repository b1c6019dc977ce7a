/** Rows per page of every list; the API allows up to 500. */
export const PAGE_SIZE = 50;
