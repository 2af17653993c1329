import { EmptyState } from '../components/EmptyState';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { Link } from '../router';

export function NotFound() {
  useDocumentTitle('Not found');
  return (
    <>
      <EmptyState icon="explore" title="Nothing here">
        This page does not exist. It may have moved, or the link has a typo.
      </EmptyState>
      <p className="center">
        <Link to="/">Go home</Link>
      </p>
    </>
  );
}
