/** A titled area of the workspace. */

import type { ReactNode } from 'react';

export interface PanelProps {
  title: string;
  className?: string;
  actions?: ReactNode;
  children: ReactNode;
}

export function Panel({ title, className, actions, children }: PanelProps) {
  return (
    <section className={`panel ${className ?? ''}`} aria-label={title}>
      <header className="panel-header">
        <h2>{title}</h2>
        {actions}
      </header>
      <div className="panel-body">{children}</div>
    </section>
  );
}
