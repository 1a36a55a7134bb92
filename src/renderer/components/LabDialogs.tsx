/** The dialog the lab shows, if any: preferences, about, or the memory model notes. */

import type { LabApi } from '../../shared/lab-api';
import type { LabDialog } from '../use-menu-commands';
import { AboutDialog, MemoryModelDialog } from './HelpDialogs';
import { PreferencesDialog } from './PreferencesDialog';

export interface LabDialogsProps {
  dialog: LabDialog | null;
  lab: LabApi;
  onClose(): void;
  /** The preferences were saved (Compare asks again which CPython it has). */
  onPreferencesSaved(): void;
}

export function LabDialogs({ dialog, lab, onClose, onPreferencesSaved }: LabDialogsProps) {
  switch (dialog) {
    case 'preferences':
      return (
        <PreferencesDialog preferences={lab.preferences} onClose={onClose} onSaved={onPreferencesSaved} />
      );
    case 'about':
      return <AboutDialog onClose={onClose} />;
    case 'memory-model':
      return <MemoryModelDialog onClose={onClose} />;
    case null:
      return null;
  }
}

/** The toolbar's button that opens the preferences. */
export function PreferencesButton({ onClick }: { onClick(): void }) {
  return (
    <button
      type="button"
      className="button icon-button preferences-button"
      onClick={onClick}
      title="Preferences: the CPython interpreter to compare with"
      aria-label="Preferences"
    >
      <svg className="icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          fillRule="evenodd"
          d="M6.6 1h2.8l.4 1.9 1.2.7 1.8-.6 1.4 2.4-1.4 1.3v1.4l1.4 1.3-1.4 2.4-1.8-.6-1.2.7L9.4 15H6.6l-.4-1.9-1.2-.7-1.8.6-1.4-2.4L3.2 9.3V7.9L1.8 6.6l1.4-2.4 1.8.6 1.2-.7zM8 5.6a2.4 2.4 0 1 0 0 4.8 2.4 2.4 0 0 0 0-4.8z"
        />
      </svg>
    </button>
  );
}
