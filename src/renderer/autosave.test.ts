import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Autosaver, type SaveState } from './autosave';

type Field = 'source' | 'step';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function setup(save: (fields: ReadonlySet<Field>) => Promise<void> = async () => {}) {
  const saves: Field[][] = [];
  const states: SaveState[] = [];
  const autosaver = new Autosaver<Field>({
    save: (fields) => {
      saves.push([...fields].sort());
      return save(fields);
    },
    onState: (state) => states.push(state),
    delayMs: 800,
    maxWaitMs: 5000,
    retryMs: 3000,
  });
  return { autosaver, saves, states };
}

describe('Autosaver', () => {
  it('saves a moment after the last change, once, with every field that changed', async () => {
    const { autosaver, saves, states } = setup();
    autosaver.changed('source');
    await vi.advanceTimersByTimeAsync(500);
    autosaver.changed('step');
    autosaver.changed('source');
    await vi.advanceTimersByTimeAsync(700);
    expect(saves).toEqual([]);
    await vi.advanceTimersByTimeAsync(100);
    expect(saves).toEqual([['source', 'step']]);
    expect(states.at(-1)).toBe('saved');
    expect(autosaver.isDirty).toBe(false);
  });

  it('does not wait longer than maxWait while changes keep coming', async () => {
    const { autosaver, saves } = setup();
    for (let t = 0; t < 5000; t += 200) {
      autosaver.changed('source');
      await vi.advanceTimersByTimeAsync(200);
    }
    expect(saves.length).toBe(1);
  });

  it('saves at once on flush, and a change made during a save in a second save', async () => {
    let finish: () => void = () => {};
    const { autosaver, saves, states } = setup(() => new Promise<void>((resolve) => (finish = resolve)));
    autosaver.changed('source');
    const flushed = autosaver.flush();
    expect(saves).toEqual([['source']]);
    autosaver.changed('step'); // while the first save is under way
    expect(states.at(-1)).toBe('saving');
    finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(saves).toEqual([['source'], ['step']]);
    finish();
    await flushed;
    expect(states.at(-1)).toBe('saved');
    expect(autosaver.isDirty).toBe(false);
  });

  it('keeps what a failed save held, reports it, and tries again', async () => {
    let fail = true;
    const { autosaver, saves, states } = setup(async () => {
      if (fail) throw new Error('Lost the connection');
    });
    autosaver.changed('source');
    await vi.advanceTimersByTimeAsync(800);
    expect(states.at(-1)).toBe('failed');
    expect(autosaver.isDirty).toBe(true);

    fail = false;
    await vi.advanceTimersByTimeAsync(3000);
    expect(saves).toEqual([['source'], ['source']]);
    expect(states.at(-1)).toBe('saved');
  });

  it('rejects a flush whose save fails, so the caller does not move on', async () => {
    const { autosaver } = setup(async () => {
      throw new Error('disk full');
    });
    autosaver.changed('step');
    await expect(autosaver.flush()).rejects.toThrow('disk full');
    expect(autosaver.isDirty).toBe(true);
  });

  it('does nothing after dispose', async () => {
    const { autosaver, saves } = setup();
    autosaver.changed('source');
    autosaver.dispose();
    autosaver.changed('step');
    await vi.advanceTimersByTimeAsync(10_000);
    await autosaver.flush();
    expect(saves).toEqual([]);
  });
});
