/**
 * The lab's actions as the application menu reaches them (use-menu-commands.ts): the same
 * functions the toolbar, the sidebars and the keys call, with the same conditions (a disabled
 * button's command does nothing).
 */

import { EXPERIMENT_FILE_EXTENSION } from '../shared/experiment';
import type { LabApi } from '../shared/lab-api';
import type { Sidebar } from './use-exercises';
import type { Experiments } from './use-experiments';
import type { LabViews } from './use-lab-views';
import {
  chooseFile,
  menuFileToFile,
  useMenuCommands,
  type LabDialog,
  type MenuActions,
} from './use-menu-commands';

export interface LabMenuDeps {
  experiments: Experiments;
  views: LabViews;
  /** A program is running (or stopping). */
  active: boolean;
  stop(): void;
  setSidebar(sidebar: Sidebar): void;
  openDialog(dialog: LabDialog): void;
}

export function labMenuActions({
  experiments,
  views,
  active,
  stop,
  setSidebar,
  openDialog,
}: LabMenuDeps): MenuActions {
  const { timeline, compare } = views;
  return {
    newExperiment: () => experiments.createNew(),
    importExperiment: (file) => {
      if (file) experiments.importFile(menuFileToFile(file));
      else
        chooseFile(`${EXPERIMENT_FILE_EXTENSION},application/json`, (chosen) =>
          experiments.importFile(chosen),
        );
    },
    exportExperiment: () => {
      const id = experiments.current?.id;
      if (id !== undefined) experiments.exportFile(id);
    },
    save: () => experiments.saveNow(),
    openDialog,
    showView: (tab) => views.setCentreTab(tab),
    run: () => {
      if (!active && experiments.document) views.runProgram();
    },
    stop,
    stepBy: (delta) => timeline.stepBy(delta),
    toStart: () => {
      if (timeline.count > 0) timeline.goTo(0);
    },
    toEnd: () => {
      if (timeline.count > 0) timeline.goTo(timeline.count - 1);
    },
    compare: () => {
      if (!active && compare.availability?.available && compare.state.status !== 'running')
        views.compareProgram();
    },
    showExercises: () => setSidebar('exercises'),
  };
}

/** Wires the application menu to the lab for the component's life. */
export function useLabMenu(lab: LabApi, deps: LabMenuDeps): void {
  useMenuCommands(lab, labMenuActions(deps));
}
