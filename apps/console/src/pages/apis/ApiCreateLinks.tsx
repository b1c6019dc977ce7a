import { Link } from '@tanstack/react-router';

/** The two ways to add APIs, offered on the APIs page and on a new organisation's overview. */
export function ApiCreateLinks() {
  return (
    <>
      <Link to="/apis/new" className="button primary">
        Create API
      </Link>
      <Link to="/apis/import" className="button">
        Import APIs
      </Link>
    </>
  );
}
