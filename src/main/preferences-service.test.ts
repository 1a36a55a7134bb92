import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CPythonStatus } from '../shared/cpython';
import { MAX_CPYTHON_PATH_CHARS } from '../shared/preferences-api';
import { CPython, type ProcessRunner } from './cpython';
import { LabSession } from './lab-session';
import { CPYTHON_PATH_KEY, PreferencesService, type CPythonSetting } from './preferences-service';
import { ExperimentStore } from './store/experiment-store';
import { useTempDir } from './store/test-support';

const tempDir = useTempDir();

/** A CPython stand-in that records the interpreter it is told to use. */
function fakeCPython(): CPythonSetting & { command: string | undefined; checked: string[] } {
  const fake = {
    command: undefined as string | undefined,
    checked: [] as string[],
    setCommand(command: string) {
      fake.command = command;
    },
    async check(command: string): Promise<CPythonStatus> {
      fake.checked.push(command);
      return command.endsWith('3.11')
        ? { available: true, version: '3.11.7', executable: command }
        : { available: false, reason: `${command} was not found` };
    },
  };
  return fake;
}

function openStore(path = join(tempDir(), 'lab.sqlite')) {
  return ExperimentStore.open(path);
}

describe('PreferencesService', () => {
  it('starts with the default interpreter, saves a path and uses it from then on', async () => {
    const path = join(tempDir(), 'lab.sqlite');
    const store = openStore(path);
    const cpython = fakeCPython();
    const service = new PreferencesService({ settings: store.settings, cpython, defaultCPython: 'python3' });
    expect(cpython.command).toBe('python3');
    expect(await service.call('preferences.get', [])).toEqual({
      ok: true,
      value: { cpythonPath: null, defaultCPython: 'python3' },
    });
    expect(await service.call('preferences.set', [{ cpythonPath: '/opt/py/bin/python3.11' }])).toEqual({
      ok: true,
      value: { cpythonPath: '/opt/py/bin/python3.11', defaultCPython: 'python3' },
    });
    expect(cpython.command).toBe('/opt/py/bin/python3.11');
    store.close();

    // After a restart the saved interpreter is used at once, and null goes back to the default.
    const reopened = openStore(path);
    const again = fakeCPython();
    const restarted = new PreferencesService({
      settings: reopened.settings,
      cpython: again,
      defaultCPython: 'py',
    });
    expect(again.command).toBe('/opt/py/bin/python3.11');
    await restarted.call('preferences.set', [{ cpythonPath: null }]);
    expect(again.command).toBe('py');
    expect(reopened.settings.get(CPYTHON_PATH_KEY)).toBeUndefined();
    reopened.close();
  });

  it('checks an interpreter without saving it', async () => {
    const store = openStore();
    const cpython = fakeCPython();
    const service = new PreferencesService({ settings: store.settings, cpython, defaultCPython: 'python3' });
    expect(await service.call('preferences.checkCPython', ['/nowhere/python'])).toEqual({
      ok: true,
      value: { available: false, reason: '/nowhere/python was not found' },
    });
    expect(await service.call('preferences.checkCPython', [null])).toMatchObject({ ok: true });
    expect(cpython.checked).toEqual(['/nowhere/python', 'python3']);
    expect(cpython.command).toBe('python3');
    expect(store.settings.get(CPYTHON_PATH_KEY)).toBeUndefined();
    store.close();
  });

  it('rejects bad payloads, oversized paths and unknown methods with InvalidRequest', async () => {
    const store = openStore();
    const cpython = fakeCPython();
    const service = new PreferencesService({ settings: store.settings, cpython, defaultCPython: 'python3' });
    const bad: [string, unknown][] = [
      ['preferences.get', [1]],
      ['preferences.get', {}],
      ['preferences.set', []],
      ['preferences.set', [{}]],
      ['preferences.set', [{ cpythonPath: 3 }]],
      ['preferences.set', [{ cpythonPath: '' }]],
      ['preferences.set', [{ cpythonPath: ' /usr/bin/python3' }]],
      ['preferences.set', [{ cpythonPath: '/usr/bin/python3\n' }]],
      ['preferences.set', [{ cpythonPath: 'python\u00003' }]],
      ['preferences.set', [{ cpythonPath: 'p'.repeat(MAX_CPYTHON_PATH_CHARS + 1) }]],
      ['preferences.set', [{ cpythonPath: null, theme: 'dark' }]],
      ['preferences.set', [{ cpythonPath: null }, 'extra']],
      ['preferences.checkCPython', []],
      ['preferences.checkCPython', [['python3']]],
      ['preferences.checkCPython', ['x'.repeat(MAX_CPYTHON_PATH_CHARS + 1)]],
      ['preferences.reset', []],
    ];
    for (const [method, payload] of bad) {
      const outcome = await service.call(method as 'preferences.get', payload);
      expect([method, outcome]).toMatchObject([method, { ok: false, error: { name: 'InvalidRequest' } }]);
    }
    expect(cpython.checked).toEqual([]);
    expect(cpython.command).toBe('python3');
    expect(store.settings.get(CPYTHON_PATH_KEY)).toBeUndefined();
    store.close();
  });

  it('ignores a saved value it cannot read', () => {
    const store = openStore();
    store.settings.set(CPYTHON_PATH_KEY, { path: 1 });
    const cpython = fakeCPython();
    const service = new PreferencesService({ settings: store.settings, cpython, defaultCPython: 'python3' });
    expect(service.preferences).toEqual({ cpythonPath: null });
    expect(cpython.command).toBe('python3');
    store.close();
  });

  it('refuses to save without a store, or on a shared web shell, and says why', async () => {
    const cpython = fakeCPython();
    const noStore = new PreferencesService({
      settings: undefined,
      storeUnavailable: 'disk full',
      cpython,
      defaultCPython: 'python3',
    });
    expect(await noStore.call('preferences.get', [])).toMatchObject({
      ok: true,
      value: { cpythonPath: null, readOnly: expect.stringContaining('disk full') },
    });
    expect(await noStore.call('preferences.set', [{ cpythonPath: '/x/python3.11' }])).toMatchObject({
      ok: false,
      error: { name: 'StoreUnavailable' },
    });
    const store = openStore();
    const shared = new PreferencesService({
      settings: store.settings,
      cpython,
      defaultCPython: 'python3',
      readOnly: 'This lab server is shared.',
    });
    expect(await shared.call('preferences.set', [{ cpythonPath: '/x/python3.11' }])).toMatchObject({
      ok: false,
      error: { name: 'Unavailable', message: 'This lab server is shared.' },
    });
    expect(cpython.command).toBe('python3');
    store.close();
  });

  it('reaches the service through a LabSession, and changes what Compare runs', async () => {
    const store = openStore();
    const runner: ProcessRunner = async (request) => {
      if (request.command === '/nowhere/python')
        throw Object.assign(new Error('spawn ENOENT'), { code: 'ENOENT' });
      const version = request.command === '/opt/python3.11' ? '3.11.9' : '3.12.1';
      return {
        stdout: JSON.stringify(['CPython', version, 64, request.command]),
        stderr: '',
        exitCode: 0,
        timedOut: false,
        truncated: false,
      };
    };
    const cpython = new CPython({ command: 'python3', runner });
    const preferences = new PreferencesService({
      settings: store.settings,
      cpython,
      defaultCPython: 'python3',
    });
    const engine = {
      run: async () => ({}),
      snapshot: async () => ({}),
      stop: async () => {},
      dispose: async () => {},
    };
    const session = new LabSession(engine as never, undefined, cpython, undefined, preferences);
    const call = (method: string, payload: unknown) => session.call(method, payload, () => {});

    expect(await call('cpythonStatus', {})).toMatchObject({ ok: true, value: { available: false } });
    expect(await call('preferences.checkCPython', ['/nowhere/python'])).toMatchObject({
      ok: true,
      value: { available: false, reason: expect.stringMatching(/^\/nowhere\/python was not found/) },
    });
    expect(await call('preferences.set', [{ cpythonPath: '/opt/python3.11' }])).toMatchObject({ ok: true });
    expect(await call('cpythonStatus', {})).toEqual({
      ok: true,
      value: { available: true, version: '3.11.9', executable: '/opt/python3.11' },
    });
    expect(await new LabSession(engine as never).call('preferences.get', [], () => {})).toMatchObject({
      ok: false,
      error: { name: 'Unavailable' },
    });
    store.close();
  });
});
