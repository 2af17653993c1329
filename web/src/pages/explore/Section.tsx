import { type ReactNode, useId } from 'react';

/** A titled part of the Explore page, a landmark named by its heading. */
export function Section({ title, hint, children }: { title: string; hint?: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="explore-section" aria-labelledby={id}>
      <h2 id={id} className="section-title">
        {title}
      </h2>
      {hint && <p className="muted section-hint">{hint}</p>}
      {children}
    </section>
  );
}
