/** The sections whose features arrive in later releases: an honest, friendly empty state each. */
import { EmptyState } from '../components/EmptyState';
import type { IconName } from '../components/Icon';
import { useDocumentTitle } from '../hooks/useDocumentTitle';

export const COMING_SOON: Record<string, { title: string; icon: IconName; text: string }> = {};

export function ComingSoon({ path }: { path: string }) {
  const page = COMING_SOON[path]!;
  useDocumentTitle(page.title);
  return (
    <EmptyState icon={page.icon} title={page.title}>
      {page.text}
    </EmptyState>
  );
}
