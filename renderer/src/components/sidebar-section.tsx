// A titled, collapsible block of the sidebar.
import { useState, type ReactNode } from 'react';

export function SidebarSection({ title, children, defaultOpen = true, extra }: { title: string; children: ReactNode; defaultOpen?: boolean; extra?: ReactNode }) {
  const [open, setOpen] = useState(defaultOpen);
  return (
    <section className="sidebar-section" aria-label={title}>
      <div className="sidebar-heading">
        <button type="button" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          <span className={`disclosure${open ? ' is-open' : ''}`} aria-hidden="true">
            ›
          </span>
          {title}
        </button>
        {extra}
      </div>
      {open && <div className="sidebar-body">{children}</div>}
    </section>
  );
}
