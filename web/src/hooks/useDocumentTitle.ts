import { useEffect } from 'react';

/** Sets the tab title to "<title> · SMILE". */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · SMILE` : 'SMILE';
  }, [title]);
}
