import type { ReactNode } from 'react';

/**
 * The result of an action, shown next to the control that caused it and
 * announced to screen readers. Keep it beside the button, not at the top of
 * the page, so it is seen where the eyes are.
 */
export function StatusMessage({ children, id }: { children: ReactNode; id?: string }) {
  return (
    <p className="status" role="status" aria-live="polite" id={id}>
      {children}
    </p>
  );
}
