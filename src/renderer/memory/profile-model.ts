/**
 * The memory profile of a step: the snapshot's objects grouped by the line of the program
 * that allocated them (tracemalloc's `statistics('lineno')`, counted in objects and
 * `sys.getsizeof` bytes), and the most common types (objgraph's `show_most_common_types`).
 * Static and startup objects are left out: the program did not allocate them.
 */

import type { Snapshot } from '../../core';

export interface LineStat {
  /** 0: allocated before the first step (the compiler's constants, the module's setup). */
  line: number;
  objects: number;
  bytes: number;
}

export interface TypeStat {
  type: string;
  objects: number;
  bytes: number;
}

const bySize = <T extends { objects: number; bytes: number }>(a: T, b: T) =>
  b.bytes - a.bytes || b.objects - a.objects;

export function lineStatistics(snapshot: Snapshot): LineStat[] {
  const lines = new Map<number, LineStat>();
  for (const o of snapshot.objects) {
    if (o.shared || o.line === undefined) continue;
    let stat = lines.get(o.line);
    if (!stat) lines.set(o.line, (stat = { line: o.line, objects: 0, bytes: 0 }));
    stat.objects++;
    stat.bytes += o.size;
  }
  return [...lines.values()].sort(bySize);
}

export function commonTypes(snapshot: Snapshot): TypeStat[] {
  const types = new Map<string, TypeStat>();
  for (const o of snapshot.objects) {
    if (o.shared) continue;
    let stat = types.get(o.type);
    if (!stat) types.set(o.type, (stat = { type: o.type, objects: 0, bytes: 0 }));
    stat.objects++;
    stat.bytes += o.size;
  }
  return [...types.values()].sort((a, b) => b.objects - a.objects || b.bytes - a.bytes);
}
