/** An issue the API raised, by the dotted path of the member it names (`proxy.listen_path`, `tags.1`). */
export interface PathIssue {
  path: string;
  message: string;
}

export interface SplitIssues<Field extends string> {
  /** The first message for each form field the API named. */
  fields: Partial<Record<Field, string>>;
  /** Issues about members the form does not show, to list with their paths. */
  others: PathIssue[];
}

/** Whether `path` is `member` itself or something inside it (`tags.1` is inside `tags`). */
function within(path: string, member: string): boolean {
  return path === member || path.startsWith(`${member}.`);
}

/**
 * Sorts the API's issues into the form fields that edit the members they name (`fieldPaths` lists, per
 * field, the document members it writes) and the rest.
 */
export function splitIssues<Field extends string>(
  issues: readonly PathIssue[],
  fieldPaths: Record<Field, readonly string[]>,
): SplitIssues<Field> {
  const fields: Partial<Record<Field, string>> = {};
  const others: PathIssue[] = [];
  const entries = Object.entries(fieldPaths) as [Field, readonly string[]][];
  for (const issue of issues) {
    const field = entries.find(([, members]) => members.some((member) => within(issue.path, member)))?.[0];
    if (field === undefined) others.push(issue);
    else fields[field] ??= issue.message;
  }
  return { fields, others };
}
