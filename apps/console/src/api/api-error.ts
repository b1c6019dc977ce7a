/** The dashboard's error body: `message` names the bad field where there is one. */
export interface ErrorBody {
  statusCode?: number;
  error?: string;
  message?: string;
  issues?: { path?: string; message?: string }[];
}

/** A refused or failed API call, carrying the API's own message so pages can show it as it was said. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues: { path: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  static from(status: number, body: unknown): ApiError {
    const error = (typeof body === 'object' && body !== null ? body : {}) as ErrorBody;
    const message =
      typeof error.message === 'string' && error.message !== ''
        ? error.message
        : status === 0
          ? 'the dashboard could not be reached'
          : `the dashboard answered ${status}`;
    const issues = (error.issues ?? []).map((issue) => ({
      path: String(issue.path ?? ''),
      message: String(issue.message ?? ''),
    }));
    return new ApiError(status, message, issues);
  }

  /** The issue the API raised about one field (`path` as the API names it, e.g. `proxy.listen_path`). */
  issueAt(path: string): string | undefined {
    return this.issues.find((issue) => issue.path === path)?.message;
  }
}

/** A message for anything a query or mutation threw. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
