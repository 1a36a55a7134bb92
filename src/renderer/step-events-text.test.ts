import { describe, expect, it } from 'vitest';
import type { StepEvent, StepEventObject, StepEvents } from '../core';
import { describeStepEvent, eventLines, objectName, objectsById } from './step-events-text';

const node: StepEventObject = {
  id: 7,
  type: 'Node',
  label: 'Node object',
  address: 0x10,
  before: true,
  after: false,
};
const text: StepEventObject = {
  id: 8,
  type: 'str',
  label: "'ab'",
  address: 0x20,
  before: false,
  after: true,
};

function events(list: StepEvent[]): StepEvents {
  return {
    step: 3,
    next: 4,
    line: 2,
    func: '<module>',
    events: list,
    objects: [node, text],
    omitted: {},
    truncated: false,
  };
}

const plain = (parts: ReturnType<typeof describeStepEvent>['parts']) =>
  parts.map((p) => (typeof p === 'string' ? p : `<${p.object}>`)).join('');

describe('the events of a step in words', () => {
  it('names objects by their label, with the type before a bare value', () => {
    expect(objectName(node, 7)).toBe('Node object');
    expect(objectName(text, 8)).toBe("str 'ab'");
    expect(objectName(undefined, 9)).toBe('#9');
  });

  it('says where a block comes from and goes back to', () => {
    const objects = objectsById(events([]));
    const alloc = describeStepEvent(
      { kind: 'allocate', id: 8, type: 'str', address: 0x20, size: 51, block: 0x20, blockSize: 64, pool: 0 },
      objects,
    );
    expect(plain(alloc.parts)).toBe('<8> allocated: 51 B from its pool (64-byte blocks), id 0x20');
    const free = describeStepEvent(
      { kind: 'free', id: 7, type: 'Node', address: 0x10, block: 0, blockSize: 0 },
      objects,
    );
    expect(plain(free.parts)).toBe('<7> freed: memory back to the system allocator');
    expect(free.tone).toBe('gone');
  });

  it('tells a refcount change and the part no listed reference explains', () => {
    const objects = objectsById(events([]));
    const line = describeStepEvent(
      { kind: 'refcount', id: 7, before: 2, after: null, unexplained: -1 },
      objects,
    );
    expect(plain(line.parts)).toBe(
      '<7> refcount 2 → dead (-1 not from listed references: the stack or internal)',
    );
    expect(line.source).toBe('derived');
    const link = describeStepEvent(
      { kind: 'link', to: 8, from: 'frame:0', frame: '<module>', label: 's' },
      objects,
    );
    expect(plain(link.parts)).toBe('<module> s → <8>');
  });

  it('folds the free lists emptied by a full collection into one line', () => {
    const freed = (id: number, type: string): StepEvent => ({
      kind: 'free',
      id,
      type,
      address: id,
      block: id,
      blockSize: 64,
      fromFreelist: true,
    });
    const e = events([
      { kind: 'gc-start', generation: 2, manual: true },
      freed(1, 'tuple'),
      freed(2, 'tuple'),
      freed(3, 'list'),
      { kind: 'gc-end', generation: 2, collected: 0, uncollectable: 0 },
    ]);
    const lines = eventLines(e, objectsById(e));
    expect(lines.map((l) => plain(l.parts))).toEqual([
      'collection of generation 2 starts (gc.collect())',
      '3 dead objects let go by the free lists, memory back to their pools (tuple ×2, list ×1)',
      'collection ends: 0 collected, 0 uncollectable',
    ]);
  });
});
