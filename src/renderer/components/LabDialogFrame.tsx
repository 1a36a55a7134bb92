/**
 * A modal dialog of the lab (preferences, about, the memory model notes): the browser's own
 * `<dialog>`, so focus stays inside it and Esc closes it. Esc is kept from the window's
 * shortcuts while a dialog has it: closing a dialog must not also stop a run.
 */

import { useEffect, useId, useRef, type ReactNode } from 'react';
import './Dialogs.css';

export interface LabDialogFrameProps {
  title: string;
  className?: string;
  onClose(): void;
  children: ReactNode;
}

export function LabDialogFrame({ title, className, onClose, children }: LabDialogFrameProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  // No close() on unmount: leaving the document closes a modal dialog by itself, and an explicit
  // close would fire `close` (hence onClose) after StrictMode's trial unmount in development.
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  return (
    <dialog
      ref={dialog}
      className={`lab-dialog ${className ?? ''}`}
      aria-labelledby={titleId}
      onClose={onClose}
      onKeyDown={(event) => {
        if (event.key === 'Escape') event.stopPropagation();
      }}
    >
      <header className="dialog-header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="button icon-button" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </header>
      {children}
    </dialog>
  );
}
