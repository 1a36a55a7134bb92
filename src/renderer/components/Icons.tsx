/** Toolbar icons as inline SVG: no icon font to load, and they take the button's text colour. */

import type { ReactNode } from 'react';

function Icon({ children }: { children: ReactNode }) {
  return (
    <svg className="icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
}

export const RunIcon = () => (
  <Icon>
    <path d="M4 2.5v11l9-5.5z" fill="currentColor" />
  </Icon>
);

export const StopIcon = () => (
  <Icon>
    <rect x="3.5" y="3.5" width="9" height="9" rx="1" fill="currentColor" />
  </Icon>
);

export const ToStartIcon = () => (
  <Icon>
    <path d="M3 3v10" stroke="currentColor" strokeWidth="1.8" />
    <path d="M13 3v10L5.5 8z" fill="currentColor" />
  </Icon>
);

export const StepBackIcon = () => (
  <Icon>
    <path d="M11 3v10L4 8z" fill="currentColor" />
  </Icon>
);

export const StepForwardIcon = () => (
  <Icon>
    <path d="M5 3v10l7-5z" fill="currentColor" />
  </Icon>
);

export const ToEndIcon = () => (
  <Icon>
    <path d="M3 3v10l7.5-5z" fill="currentColor" />
    <path d="M13 3v10" stroke="currentColor" strokeWidth="1.8" />
  </Icon>
);

export const CompareIcon = () => (
  <Icon>
    <path
      d="M5 2v9M5 11l-2.5-2.5M5 11l2.5-2.5M11 14V5M11 5l-2.5 2.5M11 5l2.5 2.5"
      stroke="currentColor"
      strokeWidth="1.6"
      fill="none"
      strokeLinecap="round"
    />
  </Icon>
);
