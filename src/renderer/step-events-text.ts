/**
 * The events of a step in words, for the "This step" list: each event is a short line of text
 * and object references (which the list turns into buttons that select the object).
 */

import type { ObjectId, StepEvent, StepEventObject, StepEvents } from '../core';

/** A piece of an event's line: text, or an object the person can select. */
export type EventPart = string | { object: ObjectId };

export interface EventLine {
  /** A short tag: alloc, free, ref+, gc, out, … */
  tag: string;
  /** recorded: as it happened; derived: from the snapshots at both ends of the step. */
  source: 'recorded' | 'derived';
  parts: EventPart[];
  /** Blocks that are not objects: listed only on request. */
  buffer?: boolean;
  /** A tone for the tag. */
  tone: 'new' | 'gone' | 'gc' | 'ref' | 'out' | 'plain';
}

const hex = (n: number) => `0x${n.toString(16)}`;
const bytes = (n: number) => `${n.toLocaleString('en-US')} B`;
const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

function placeText(e: { blockSize: number }): string {
  return e.blockSize === 0 ? 'the system allocator' : `its pool (${e.blockSize}-byte blocks)`;
}

/** The phases' object lists are long: the first few, then a count. */
const SHOWN_IN_PHASE = 6;

export function describeStepEvent(e: StepEvent, objects: Map<ObjectId, StepEventObject>): EventLine {
  const o = (id: ObjectId): EventPart => ({ object: id });
  const referrer = (from: ObjectId | string, frame: string | undefined): EventPart[] =>
    typeof from === 'number' ? [o(from), ' '] : [`${frame ?? 'frame'} `];
  switch (e.kind) {
    case 'allocate':
      return {
        tag: 'alloc',
        source: 'recorded',
        tone: 'new',
        parts: [o(e.id), ` allocated: ${bytes(e.size)} from ${placeText(e)}, id ${hex(e.address)}`],
      };
    case 'reborn':
      return {
        tag: 'reuse',
        source: 'recorded',
        tone: 'new',
        parts: [
          o(e.id),
          ` taken from the ${e.list} free list (the same memory as a dead ${e.type}), id ${hex(e.address)}`,
        ],
      };
    case 'free':
      return {
        tag: 'free',
        source: 'recorded',
        tone: 'gone',
        parts: [
          o(e.id),
          e.fromFreelist
            ? ` let go by its free list: memory back to ${placeText(e)}`
            : ` freed: memory back to ${placeText(e)}`,
        ],
      };
    case 'to-freelist':
      return {
        tag: 'dead',
        source: 'recorded',
        tone: 'gone',
        parts: [o(e.id), ` dead, kept by the ${e.list} free list for the next one (memory not freed)`],
      };
    case 'buffer': {
      const what =
        e.op === 'malloc'
          ? `${bytes(e.size ?? 0)} allocated`
          : e.op === 'free'
            ? 'freed'
            : `resized to ${bytes(e.size ?? 0)}${e.from !== undefined ? ` (moved from ${hex(e.from)})` : ''}`;
      return {
        tag: 'block',
        source: 'recorded',
        tone: 'plain',
        buffer: true,
        parts: [
          `buffer at ${hex(e.block)} ${what} (${e.blockSize === 0 ? 'system allocator' : `${e.blockSize}-byte block`})`,
        ],
      };
    }
    case 'finalize':
      return {
        tag: 'final',
        source: 'recorded',
        tone: 'gc',
        parts: ['finalizer (__del__) called on ', o(e.id)],
      };
    case 'weakref-cleared':
      return {
        tag: 'weak',
        source: 'recorded',
        tone: 'gc',
        parts: e.weakrefDying
          ? ['weakref ', o(e.id), ' dies: unlinked from ', o(e.referent)]
          : ['weakref ', o(e.id), ' cleared: its referent ', o(e.referent), ' is dying'],
      };
    case 'weakref-callback':
      return {
        tag: 'weak',
        source: 'recorded',
        tone: 'gc',
        parts: ['callback of weakref ', o(e.id), ' called'],
      };
    case 'gc-start':
      return {
        tag: 'gc',
        source: 'recorded',
        tone: 'gc',
        parts: [
          `collection of generation ${e.generation} starts${e.manual ? ' (gc.collect())' : ' (automatic)'}`,
        ],
      };
    case 'gc-phase': {
      // Named only when a snapshot lists them (the interpreter's own objects are just counted).
      const shown = e.objects.filter((id) => objects.has(id)).slice(0, SHOWN_IN_PHASE);
      const parts: EventPart[] = [
        `${e.name}: ${e.objects.length} object${e.objects.length === 1 ? '' : 's'}`,
      ];
      shown.forEach((id, i) => parts.push(i === 0 ? ' — ' : ', ', o(id)));
      if (e.objects.length > shown.length)
        parts.push(
          `${shown.length > 0 ? ' …' : ''} ${e.objects.length - shown.length} ${shown.length > 0 ? 'more' : 'of the interpreter'}`,
        );
      return { tag: 'gc', source: 'recorded', tone: 'gc', parts };
    }
    case 'gc-end':
      return {
        tag: 'gc',
        source: 'recorded',
        tone: 'gc',
        parts: [`collection ends: ${e.collected} collected, ${e.uncollectable} uncollectable`],
      };
    case 'output':
      return {
        tag: e.stream === 'stdout' ? 'out' : 'err',
        source: 'recorded',
        tone: 'out',
        parts: [JSON.stringify(e.text)],
      };
    case 'link':
    case 'unlink':
      return {
        tag: e.kind === 'link' ? 'ref +' : 'ref −',
        source: 'derived',
        tone: 'ref',
        parts: [
          ...referrer(e.from, e.frame),
          e.temporary ? 'value stack' : e.label,
          e.weak ? ' (weak)' : '',
          e.kind === 'link' ? ' → ' : ' ↛ ',
          o(e.to),
        ],
      };
    case 'refcount': {
      const before = e.before ?? (objects.get(e.id)?.before === false ? 'new' : '?');
      const after = e.after ?? 'dead';
      const parts: EventPart[] = [o(e.id), ` refcount ${before} → ${after}`];
      if (e.unexplained !== null && e.unexplained !== 0)
        parts.push(` (${signed(e.unexplained)} not from listed references: the stack or internal)`);
      return { tag: 'refs', source: 'derived', tone: 'ref', parts };
    }
  }
}

/**
 * The lines of a step's events: one per event, except that a run of dead objects let go by
 * the free lists (a full collection empties them) is one line with the count by type.
 */
export function eventLines(events: StepEvents, objects: Map<ObjectId, StepEventObject>): EventLine[] {
  const lines: EventLine[] = [];
  const list = events.events;
  for (let i = 0; i < list.length; i++) {
    const e = list[i];
    if (e.kind === 'free' && e.fromFreelist) {
      let j = i;
      const byType = new Map<string, number>();
      for (; j < list.length; j++) {
        const f = list[j];
        if (f.kind !== 'free' || !f.fromFreelist) break;
        byType.set(f.type, (byType.get(f.type) ?? 0) + 1);
      }
      if (j - i > 1) {
        const counts = [...byType].map(([type, n]) => `${type} ×${n}`).join(', ');
        lines.push({
          tag: 'free',
          source: 'recorded',
          tone: 'gone',
          parts: [`${j - i} dead objects let go by the free lists, memory back to their pools (${counts})`],
        });
        i = j - 1;
        continue;
      }
    }
    lines.push(describeStepEvent(e, objects));
  }
  return lines;
}

/** The objects of the events by id. */
export function objectsById(events: StepEvents): Map<ObjectId, StepEventObject> {
  return new Map(events.objects.map((o) => [o.id, o]));
}

/** How an object is named in the list: its label, with its type before a bare value (`str 'ab'`). */
export function objectName(o: StepEventObject | undefined, id: ObjectId): string {
  if (o === undefined) return `#${id}`;
  return /^(b?['"]|-?\d)/.test(o.label) ? `${o.type} ${o.label}` : o.label;
}
