/**
 * A layered layout in linear time for large heaps, where dagre's crossing minimisation takes
 * seconds (about 1–5 s for 2,000 objects): ranks are the breadth-first distance from the
 * frames, each object hangs under the first referrer that reached it (a spanning tree, as in
 * Python Tutor), leaves stack top to bottom and a parent sits level with the middle of its
 * children. References outside the tree are drawn as they are, across the layers. Pure.
 */
import { GAP_X, GAP_Y, type Position } from './placement';

export interface TreeNode {
  id: string;
  w: number;
  h: number;
  frame: boolean;
}

export function treeLayout(
  nodes: readonly TreeNode[],
  edges: readonly { source: string; target: string }[],
): Map<string, Position> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const out = new Map<string, string[]>();
  for (const e of edges) {
    if (e.source === e.target || !byId.has(e.source) || !byId.has(e.target)) continue;
    let list = out.get(e.source);
    if (list === undefined) out.set(e.source, (list = []));
    list.push(e.target);
  }

  // Spanning forest, breadth first: frames are the roots; objects no frame reaches (cyclic
  // garbage) start their own trees afterwards, one rank right of the frames.
  const rank = new Map<string, number>();
  const children = new Map<string, string[]>();
  const roots: string[] = [];
  const grow = (root: string, rootRank: number) => {
    rank.set(root, rootRank);
    roots.push(root);
    const queue = [root];
    for (let head = 0; head < queue.length; head++) {
      const parent = queue[head];
      for (const child of out.get(parent) ?? []) {
        if (rank.has(child)) continue;
        rank.set(child, rank.get(parent)! + 1);
        let list = children.get(parent);
        if (list === undefined) children.set(parent, (list = []));
        list.push(child);
        queue.push(child);
      }
    }
  };
  for (const n of nodes) if (n.frame) grow(n.id, 0);
  for (const n of nodes) if (!rank.has(n.id)) grow(n.id, 1);

  // Columns as wide as their widest node.
  const widths: number[] = [];
  for (const n of nodes) {
    const r = rank.get(n.id)!;
    widths[r] = Math.max(widths[r] ?? 0, n.w);
  }
  const left: number[] = [];
  let x = 0;
  for (let r = 0; r < widths.length; r++) {
    left[r] = x;
    x += (widths[r] ?? 0) + GAP_X;
  }

  // Post-order walk (iterative: a linked list of thousands of objects is one deep chain).
  const positions = new Map<string, Position>();
  const columnBottom: number[] = [];
  let cursor = 0;
  const place = (id: string) => {
    const node = byId.get(id)!;
    const r = rank.get(id)!;
    const kids = children.get(id) ?? [];
    const floor = Math.max(columnBottom[r] ?? -Infinity, kids.length === 0 ? cursor : -Infinity);
    let y: number;
    if (kids.length === 0) {
      y = floor + node.h / 2;
      cursor = y + node.h / 2 + GAP_Y;
    } else {
      const first = positions.get(kids[0])!.y;
      const last = positions.get(kids[kids.length - 1])!.y;
      y = Math.max((first + last) / 2, floor + node.h / 2);
    }
    columnBottom[r] = y + node.h / 2 + GAP_Y;
    positions.set(id, { x: left[r] + node.w / 2, y });
  };
  for (const root of roots) {
    const stack: { id: string; next: number }[] = [{ id: root, next: 0 }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const kids = children.get(top.id) ?? [];
      if (top.next < kids.length) stack.push({ id: kids[top.next++], next: 0 });
      else {
        place(top.id);
        stack.pop();
      }
    }
    cursor += GAP_Y * 2;
  }
  return positions;
}
