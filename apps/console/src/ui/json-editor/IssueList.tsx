import type { PathIssue } from './issue-fields';

/** The API's issues about members a form does not show, each with the path it named. */
export function IssueList({ issues, title }: { issues: readonly PathIssue[]; title: string }) {
  if (issues.length === 0) return null;
  return (
    <div className="state state-error issue-list" role="alert">
      <strong>{title}</strong>
      <ul>
        {issues.map((issue, index) => (
          <li key={`${issue.path}-${index}`}>
            <code>{issue.path || '(document)'}</code>: {issue.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
