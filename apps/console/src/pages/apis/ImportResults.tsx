import { Link } from '@tanstack/react-router';

import type { ImportResult } from './import-run';

/** Each file's outcome, announced as it arrives: what was imported, or the API's (or the parser's) reason. */
export function ImportResults({ results }: { results: ImportResult[] }) {
  if (results.length === 0) return null;
  return (
    <section aria-labelledby="import-results-title">
      <h2 id="import-results-title">Results</h2>
      <ul className="import-results" aria-live="polite">
        {results.map((result, index) => (
          <li key={`${result.file}-${index}`} className="card">
            <strong>{result.file}</strong>{' '}
            {result.status === 'importing' ? (
              <span className="badge">Importing…</span>
            ) : result.status === 'imported' ? (
              <>
                <span className="badge ok">Imported</span>
                <ul>
                  {result.apis.map((api) => (
                    <li key={api.id}>
                      <Link to="/apis/$apiId" params={{ apiId: api.id }}>
                        {api.name}
                      </Link>
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <>
                <span className="badge bad">Failed</span>
                <p className="error-text">{result.error}</p>
                {result.issues.length > 0 ? (
                  <ul>
                    {result.issues.map((issue, at) => (
                      <li key={`${issue.path}-${at}`}>
                        <code>{issue.path || '(file)'}</code>: {issue.message}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
