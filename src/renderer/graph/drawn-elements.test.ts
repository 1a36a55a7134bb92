/** The drawn state's diff: only what changed between two models reaches Cytoscape. */
import { describe, expect, it } from 'vitest';
import { DrawnElements } from './drawn-elements';
import type { ViewModel } from './graph-model';

type NodeSpec = { id: string; label?: string; refcount?: number; w?: number; classes?: string[] };

function model(nodes: NodeSpec[], edges: [string, string][] = []): ViewModel {
  return {
    nodes: nodes.map((n) => ({
      data: {
        id: n.id,
        kind: 'object',
        label: n.label ?? n.id,
        title: n.id,
        refcount: n.refcount,
        lines: 1,
        columns: 4,
        w: n.w ?? 40,
        h: 20,
      },
      classes: new Set(n.classes ?? ['object']),
    })),
    edges: edges.map(([source, target]) => ({
      data: { id: `${source}→${target}`, source, target, label: 'x' },
      classes: new Set<string>(),
    })),
    report: null,
    collectorShown: 0,
    diff: null,
    path: null,
  };
}

describe('DrawnElements', () => {
  it('reports nothing to change when the model is the same', () => {
    const drawn = new DrawnElements();
    drawn.replaceAll(model([{ id: 'a' }, { id: 'b' }], [['a', 'b']]));
    const diff = drawn.update(model([{ id: 'a' }, { id: 'b' }], [['a', 'b']]), 0);
    expect(diff).toEqual({ added: [], changed: [], returning: [], leaving: [], flashes: [] });
    expect(drawn.nodesOnScreen).toBe(2);
  });

  it('adds what is new, changes what differs, and flashes a refcount that changed', () => {
    const drawn = new DrawnElements();
    drawn.replaceAll(model([{ id: 'a', refcount: 1 }, { id: 'b' }]));
    const next = model(
      [{ id: 'a', refcount: 2, label: 'a rc 2' }, { id: 'b', classes: ['object', 'cycle'] }, { id: 'c' }],
      [['a', 'c']],
    );
    const diff = drawn.update(next, 0);
    expect(diff.added.map((a) => [a.group, a.element.data.id])).toEqual([
      ['nodes', 'c'],
      ['edges', 'a→c'],
    ]);
    expect(diff.changed).toEqual([
      { id: 'a', data: next.nodes[0].data, resized: false },
      { id: 'b', classes: 'cycle object', resized: false },
    ]);
    expect(diff.flashes).toEqual(['a']);
    expect(
      drawn.update(model([{ id: 'a', refcount: 2, label: 'a rc 2', w: 60 }]), 0).changed[0],
    ).toMatchObject({
      id: 'a',
      resized: true,
    });
  });

  it('fades out what the model no longer has, brings it back, and forgets it once gone', () => {
    const drawn = new DrawnElements();
    drawn.replaceAll(model([{ id: 'a' }, { id: 'b' }], [['a', 'b']]));
    expect(drawn.update(model([{ id: 'a' }]), 100).leaving).toEqual(['b', 'a→b']);
    expect(drawn.isFading('b')).toBe(true);
    expect(drawn.isOnScreen('b')).toBe(false);
    expect(drawn.nodesOnScreen).toBe(1);

    expect(drawn.update(model([{ id: 'a' }, { id: 'b' }]), 200).returning).toEqual(['b']);
    expect(drawn.isOnScreen('b')).toBe(true);
    expect(drawn.takeGone(150)).toEqual(['a→b']);

    drawn.update(model([{ id: 'a' }]), 300);
    expect(drawn.takeGone(250)).toEqual([]);
    expect(drawn.takeGone(300)).toEqual(['b']);
    expect(drawn.anyFading).toBe(false);
    expect(drawn.update(model([{ id: 'a' }, { id: 'b' }]), 400).added.map((a) => a.element.data.id)).toEqual([
      'b',
    ]);
  });
});
