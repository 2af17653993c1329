import type { ReactNode } from 'react';
import { Icon, type IconName } from './Icon';

/** A friendly placeholder for a screen whose feature arrives later (or has nothing yet). */
export function EmptyState({ icon, title, children }: { icon: IconName; title: string; children: ReactNode }) {
  return (
    <section className="empty-state">
      <div className="empty-icon">
        <Icon name={icon} size={36} />
      </div>
      <h1>{title}</h1>
      <p>{children}</p>
    </section>
  );
}
