import type { JsonProblem } from './json-problems';

const SOURCE_LABEL: Record<JsonProblem['source'], string> = {
  syntax: 'JSON syntax',
  schema: 'schema',
  api: 'refused by the API',
};

/** The editor's problems as a list screen readers announce, each with a button that selects it in the text. */
export function JsonProblemList({
  problems,
  onReveal,
}: {
  problems: JsonProblem[];
  onReveal: (problem: JsonProblem) => void;
}) {
  return (
    <div className="json-problems" aria-live="polite">
      {problems.length === 0 ? (
        <p className="muted">No problems found.</p>
      ) : (
        <>
          <p className="error-text">
            {problems.length === 1 ? '1 problem' : `${problems.length} problems`} in the JSON:
          </p>
          <ul>
            {problems.map((problem, index) => (
              <li key={`${problem.source}-${problem.path}-${index}`}>
                <code>{problem.path || '(document)'}</code> {problem.message}{' '}
                <span className="muted">({SOURCE_LABEL[problem.source]})</span>{' '}
                <button type="button" className="link-button" onClick={() => onReveal(problem)}>
                  Show
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
