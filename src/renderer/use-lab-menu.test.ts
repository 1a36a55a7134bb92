import { describe, expect, it, vi } from 'vitest';
import { MENU_COMMANDS } from '../shared/menu-commands';
import type { Experiments } from './use-experiments';
import type { LabViews } from './use-lab-views';
import { labMenuActions, type LabMenuDeps } from './use-lab-menu';
import { dispatchMenuMessage } from './use-menu-commands';

function deps(overrides: { active?: boolean; count?: number; id?: number; available?: boolean } = {}) {
  const { active = false, count = 10, id = 7, available = true } = overrides;
  const experiments = {
    createNew: vi.fn(),
    importFile: vi.fn(),
    exportFile: vi.fn(),
    saveNow: vi.fn(),
    current: id === undefined ? undefined : { id },
    document: { key: 'd', text: '' },
  };
  const views = {
    setCentreTab: vi.fn(),
    runProgram: vi.fn(),
    compareProgram: vi.fn(),
    timeline: { count, stepBy: vi.fn(), goTo: vi.fn() },
    compare: {
      availability: available
        ? { available: true, version: '3.11.7', executable: 'python3' }
        : { available: false, reason: 'none' },
      state: { status: 'idle' },
    },
  };
  const all = { experiments, views, active, stop: vi.fn(), setSidebar: vi.fn(), openDialog: vi.fn() };
  return {
    ...all,
    actions: labMenuActions(all as unknown as LabMenuDeps & { experiments: Experiments; views: LabViews }),
  };
}

describe("the menu's actions in the lab", () => {
  it('call the functions of the toolbar, the sidebar and the keys', async () => {
    const d = deps();
    const send = (command: string, extra = {}) => dispatchMenuMessage({ command, ...extra }, d.actions);
    send('new-experiment');
    expect(d.experiments.createNew).toHaveBeenCalledOnce();
    send('import-experiment', { file: { name: 'a.pymemlab.json', text: '{}' } });
    const imported = d.experiments.importFile.mock.calls[0]![0] as File;
    expect([imported.name, await imported.text()]).toEqual(['a.pymemlab.json', '{}']);
    send('export-experiment');
    expect(d.experiments.exportFile).toHaveBeenCalledWith(7);
    send('save');
    expect(d.experiments.saveNow).toHaveBeenCalledOnce();
    send('view-collector');
    expect(d.views.setCentreTab).toHaveBeenCalledWith('collector');
    send('run');
    expect(d.views.runProgram).toHaveBeenCalledOnce();
    send('stop');
    expect(d.stop).toHaveBeenCalledOnce();
    send('step-back');
    expect(d.views.timeline.stepBy).toHaveBeenCalledWith(-1);
    send('to-start');
    send('to-end');
    expect(d.views.timeline.goTo.mock.calls).toEqual([[0], [9]]);
    send('compare');
    expect(d.views.compareProgram).toHaveBeenCalledOnce();
    send('exercises');
    expect(d.setSidebar).toHaveBeenCalledWith('exercises');
    send('preferences');
    send('about');
    send('memory-model');
    expect(d.openDialog.mock.calls).toEqual([['preferences'], ['about'], ['memory-model']]);
  });

  it('do nothing where the button would be disabled', () => {
    const running = deps({ active: true });
    for (const command of ['run', 'compare']) dispatchMenuMessage({ command }, running.actions);
    expect(running.views.runProgram).not.toHaveBeenCalled();
    expect(running.views.compareProgram).not.toHaveBeenCalled();

    const noCPython = deps({ available: false });
    dispatchMenuMessage({ command: 'compare' }, noCPython.actions);
    expect(noCPython.views.compareProgram).not.toHaveBeenCalled();

    const noTimeline = deps({ count: 0 });
    for (const command of ['to-start', 'to-end']) dispatchMenuMessage({ command }, noTimeline.actions);
    expect(noTimeline.views.timeline.goTo).not.toHaveBeenCalled();
  });

  it('handle every command', () => {
    const d = deps();
    for (const command of MENU_COMMANDS) {
      if (command === 'import-experiment') continue; // without a file it opens the page's chooser (a DOM)
      expect(dispatchMenuMessage({ command }, d.actions)).toBe(true);
    }
  });
});
