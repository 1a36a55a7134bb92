import type { LabApi } from '../shared/lab-api';

declare global {
  interface Window {
    /** Installed by the preload (Electron) or by web.ts (web shell) before the app starts. */
    lab: LabApi;
  }
}
