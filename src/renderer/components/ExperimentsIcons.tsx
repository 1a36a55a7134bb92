/** The experiments list's action icons, as inline SVG in the text colour (no icon font). */

import type { ReactNode } from 'react';

function Icon({ children }: { children: ReactNode }) {
  return (
    <svg
      className="icon"
      viewBox="0 0 16 16"
      width="14"
      height="14"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.4"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      {children}
    </svg>
  );
}

export const RenameIcon = () => (
  <Icon>
    <path d="M10.5 2.5l3 3L6 13H3v-3z" />
    <path d="M9 4l3 3" />
  </Icon>
);

export const DuplicateIcon = () => (
  <Icon>
    <rect x="5.5" y="5.5" width="8" height="8" rx="1" />
    <path d="M3.5 10.5h-1v-8h8v1" />
  </Icon>
);

export const ExportIcon = () => (
  <Icon>
    <path d="M8 2.5v7.5M4.8 6.8L8 10l3.2-3.2" />
    <path d="M2.5 11v2.5h11V11" />
  </Icon>
);

export const TrashIcon = () => (
  <Icon>
    <path d="M2.5 4.5h11M6 4.5V2.5h4v2M4 4.5l.7 9h6.6l.7-9" />
    <path d="M6.7 7v4M9.3 7v4" />
  </Icon>
);
