import { describe, expect, it, vi } from 'vitest';
import { MAX_EXPERIMENT_FILE_CHARS } from '../shared/experiment';
import type { LabApi } from '../shared/lab-api';
import { MENU_COMMANDS, type MenuMessage } from '../shared/menu-commands';
import {
  dispatchMenuMessage,
  MENU_COMMAND_ACTIONS,
  menuFileToFile,
  parseMenuMessage,
  type MenuActions,
} from './use-menu-commands';

function fakeActions() {
  return {
    newExperiment: vi.fn(),
    importExperiment: vi.fn(),
    exportExperiment: vi.fn(),
    save: vi.fn(),
    openDialog: vi.fn(),
    showView: vi.fn(),
    run: vi.fn(),
    stop: vi.fn(),
    stepBy: vi.fn(),
    toStart: vi.fn(),
    toEnd: vi.fn(),
    compare: vi.fn(),
    showExercises: vi.fn(),
  } satisfies MenuActions;
}

/** Which action (and arguments) a command ends in. */
function actionOf(message: MenuMessage): [string, unknown[]] {
  const actions = fakeActions();
  expect(dispatchMenuMessage(message, actions)).toBe(true);
  const called = Object.entries(actions).filter(([, fn]) => fn.mock.calls.length > 0);
  expect(called).toHaveLength(1);
  const [name, fn] = called[0]!;
  expect(fn).toHaveBeenCalledTimes(1);
  return [name, fn.mock.calls[0]!];
}

describe('the menu commands in the renderer', () => {
  it('have an action for every command and nothing else', () => {
    expect(Object.keys(MENU_COMMAND_ACTIONS).sort()).toEqual([...MENU_COMMANDS].sort());
  });

  it('run the same actions as the toolbar and the keys', () => {
    const expected: Record<string, [string, unknown[]]> = {
      'new-experiment': ['newExperiment', []],
      'import-experiment': ['importExperiment', [undefined]],
      'export-experiment': ['exportExperiment', []],
      save: ['save', []],
      preferences: ['openDialog', ['preferences']],
      'view-graph': ['showView', ['graph']],
      'view-allocator': ['showView', ['allocator']],
      'view-collector': ['showView', ['collector']],
      'view-memory': ['showView', ['memory']],
      run: ['run', []],
      stop: ['stop', []],
      'step-forward': ['stepBy', [1]],
      'step-back': ['stepBy', [-1]],
      'to-start': ['toStart', []],
      'to-end': ['toEnd', []],
      compare: ['compare', []],
      exercises: ['showExercises', []],
      'memory-model': ['openDialog', ['memory-model']],
      about: ['openDialog', ['about']],
    };
    expect(Object.keys(expected).sort()).toEqual([...MENU_COMMANDS].sort());
    for (const command of MENU_COMMANDS) {
      expect([command, ...actionOf({ command })]).toEqual([command, ...expected[command]!]);
    }
  });

  it('hand the file read by the native dialog to the import', () => {
    const file = { name: 'cycle.pymemlab.json', text: '{"format":1}' };
    expect(actionOf({ command: 'import-experiment', file })).toEqual(['importExperiment', [file]]);
  });

  it('ignore anything that is not a menu message', () => {
    const actions = fakeActions();
    const bad: unknown[] = [
      undefined,
      null,
      'run',
      {},
      { command: 'format-disk' },
      { command: 'constructor' },
      { command: 'toString' },
      { command: 42 },
      { command: 'run', file: { name: 'x', text: '' } }, // a file only comes with the import
      { command: 'import-experiment', file: 'x' },
      { command: 'import-experiment', file: { name: 1, text: '' } },
      { command: 'import-experiment', file: { name: 'x' } },
      { command: 'import-experiment', file: { name: 'x'.repeat(1001), text: '' } },
      { command: 'import-experiment', file: { name: 'x', text: 'x'.repeat(MAX_EXPERIMENT_FILE_CHARS + 1) } },
    ];
    for (const value of bad) {
      expect(parseMenuMessage(value)).toBeUndefined();
      expect(dispatchMenuMessage(value, actions)).toBe(false);
    }
    for (const fn of Object.values(actions)) expect(fn).not.toHaveBeenCalled();
  });

  it('keep only the fields they know', () => {
    expect(parseMenuMessage({ command: 'save', extra: 1 })).toEqual({ command: 'save' });
  });

  it('turn the file of the native dialog into a File for the sidebar import', async () => {
    const file = menuFileToFile({ name: 'a.pymemlab.json', text: '{"é":1}' });
    expect(file.name).toBe('a.pymemlab.json');
    expect(await file.text()).toBe('{"é":1}');
  });

  it('are a no-op subscription in the web shell', async () => {
    const { createSocketLab } = await import('./socket-lab');
    const lab: LabApi = createSocketLab(new URL('ws://127.0.0.1:1/never'));
    const listener = vi.fn();
    const unsubscribe = lab.onMenuCommand(listener);
    expect(typeof unsubscribe).toBe('function');
    unsubscribe();
    expect(listener).not.toHaveBeenCalled();
  });
});
