/**
 * The gc module: the Python face of memory/gc.ts.
 * @cpython Modules/gcmodule.c gc_* (3.11)
 */
import { PyObject, decref } from '../objects/object';
import { None } from '../objects/noneobject';
import { newBool } from '../objects/boolobject';
import { newInt, isInt, type PyLong } from '../objects/longobject';
import { newStr, internFromString } from '../objects/unicodeobject';
import { newTuple } from '../objects/tupleobject';
import { newEmptyList, newList, listAppend, type PyList } from '../objects/listobject';
import { newDict, dictSetItem, type PyDict } from '../objects/dictobject';
import { moduleBuilder } from './moduledef';
import { type PyModule } from '../objects/moduleobject';

import { call, packedArgs } from '../objects/abstract';
import { typeError, valueError } from '../vm/errors';
import { parseParams, rangeArgs, exactArgs } from '../vm/args';
import { rt } from '../vm/runtime';
import { writeUnraisable } from '../vm/unraisable';
import { GCDebug } from '../memory/gc';
import { TypeType } from '../objects/roots';

function intArgValue(o: PyObject, what: string): number {
  if (!isInt(o)) typeError(`'${o.type.name}' object cannot be interpreted as an integer`);
  void what;
  return Number((o as PyLong).value);
}

/** invoke_gc_callback: each gc.callbacks entry gets (phase, info). */
export function invokeGcCallbacks(
  phase: 'start' | 'stop',
  generation: number,
  collected: number,
  uncollectable: number,
): void {
  const callbacks = rt.gcCallbacks;
  if (callbacks === null || callbacks.items.length === 0) return;
  const info = newDict();
  for (const [k, v] of [
    ['generation', generation],
    ['collected', collected],
    ['uncollectable', uncollectable],
  ] as [string, number][]) {
    const key = internFromString(k);
    const val = newInt(v);
    dictSetItem(info, key, val);
    decref(key);
    decref(val);
  }
  const saved = rt.errorInFlight;
  rt.errorInFlight = false;
  try {
    for (let i = 0; i < callbacks.items.length; i++) {
      const cb = callbacks.items[i];
      cb.refcnt++;
      // PyObject_CallFunction(cb, "sO", phase, info) builds its arguments on the C stack and
      // makes a vectorcall: no tuple, unless the callable needs one.
      const args = [newStr(phase), (info.refcnt++, info)];
      try {
        decref(call(cb, args));
      } catch (e) {
        writeUnraisable(e, cb, 'Exception ignored in');
      } finally {
        for (const arg of args) decref(arg);
        decref(cb);
      }
    }
  } finally {
    rt.errorInFlight = saved;
    decref(info);
  }
}

/** gc.get_referents: the objects tp_traverse visits, in its order. */
function referents(o: PyObject): PyObject[] {
  const out: PyObject[] = [];
  if (!o.type.isGC) return out;
  if (o.type.tp_traverse === undefined) return out;
  if ((o.type.name === 'type' || o.type.isSubtypeOf(TypeType)) && !(o as { isHeapType?: boolean }).isHeapType)
    return out;
  o.type.tp_traverse(o, (r) => out.push(r));
  return out;
}

/**
 * gc.garbage and gc.callbacks belong to the interpreter's GC state (_PyGC_Init makes them
 * at startup), not to the module: importing gc later makes neither.
 */
export function createGcStateLists(): void {
  rt.gcGarbage ??= newEmptyList();
  rt.gcCallbacks ??= newEmptyList();
}

export function createGcModule(): PyModule {
  const { module: m, add: put, fn } = moduleBuilder('gc');
  const none = () => (None.refcnt++, None);
  const gc = rt.gc;

  fn('enable', () => ((gc.enabled = true), none()));
  fn('disable', () => ((gc.enabled = false), none()));
  fn('isenabled', () => newBool(gc.enabled));
  fn('collect', (args, kw) => {
    const [g] = parseParams('collect', args, kw, ['generation'], 0);
    const generation = g === undefined ? 2 : intArgValue(g, 'generation');
    if (generation < 0 || generation > 2) valueError('invalid generation');
    return newInt(gc.collectManual(generation));
  });
  fn('get_count', (args, kw) => {
    exactArgs('get_count', args, kw, 0);
    return newTuple([newInt(gc.count[0]), newInt(gc.count[1]), newInt(gc.count[2])]);
  });
  fn('get_threshold', (args, kw) => {
    exactArgs('get_threshold', args, kw, 0);
    return newTuple([newInt(gc.threshold[0]), newInt(gc.threshold[1]), newInt(gc.threshold[2])]);
  });
  fn(
    'set_threshold',
    (args, kw) => {
      rangeArgs('set_threshold', args, kw, 1, 3);
      args.forEach((a, i) => (gc.threshold[i] = intArgValue(a, 'threshold')));
      return none();
    },
    true,
  );
  fn('set_debug', (args, kw) => {
    exactArgs('set_debug', args, kw, 1);
    gc.debug = intArgValue(args[0], 'flags');
    return none();
  });
  fn('get_debug', () => newInt(gc.debug));
  fn('is_tracked', (args, kw) => {
    exactArgs('is_tracked', args, kw, 1);
    return newBool(args[0].gcNext !== null);
  });
  fn('is_finalized', (args, kw) => {
    exactArgs('is_finalized', args, kw, 1);
    return newBool((args[0].gcFlags & 1) !== 0);
  });
  fn(
    'get_referents',
    (args) => {
      const out: PyObject[] = [];
      for (const o of args) out.push(...referents(o));
      return newList(out.map((x) => (x.refcnt++, x)));
    },
    true,
  );
  fn(
    'get_referrers',
    (args) => {
      // gc_referrers_for: every tracked object but the argument tuple itself (an object
      // that refers to itself is its own referrer).
      const targets = new Set(args);
      const argsTuple = packedArgs;
      const out: PyObject[] = [];
      for (let g = 0; g < 3; g++) {
        for (const o of gc.objectsIn(g)) {
          if (o === argsTuple) continue;
          let refers = false;
          o.type.tp_traverse?.(o, (r) => {
            if (targets.has(r)) refers = true;
          });
          if (refers) out.push(o);
        }
      }
      return newList(out.map((x) => (x.refcnt++, x)));
    },
    true,
  );
  fn('get_objects', (args, kw) => {
    const [g] = parseParams('get_objects', args, kw, ['generation'], 0);
    const gens = g === undefined || g === None ? [0, 1, 2] : [intArgValue(g, 'generation')];
    if (gens.some((x) => x < 0 || x > 2))
      valueError('generation parameter must be less than the number of available generations (3)');
    const l = newEmptyList();
    // The result is tracked too; CPython leaves it out (append_objects), or it would hold itself.
    for (const gen of gens) for (const o of gc.objectsIn(gen)) if (o !== l) listAppend(l, o);
    return l;
  });
  fn('get_stats', () => {
    const dicts = gc.stats.map((s) => {
      const dd = newDict();
      for (const [k, v] of Object.entries(s)) {
        const key = internFromString(k);
        const val = newInt(v);
        dictSetItem(dd, key, val);
        decref(key);
        decref(val);
      }
      return dd;
    });
    return newList(dicts);
  });
  fn('freeze', () => (gc.freeze(), none()));
  fn('unfreeze', () => (gc.unfreeze(), none()));
  fn('get_freeze_count', () => newInt(gc.freezeCount()));

  createGcStateLists();
  const garbage = rt.gcGarbage!;
  garbage.refcnt++;
  put('garbage', garbage);
  const callbacks = rt.gcCallbacks!;
  callbacks.refcnt++;
  put('callbacks', callbacks);
  put('DEBUG_STATS', newInt(GCDebug.STATS));
  put('DEBUG_COLLECTABLE', newInt(GCDebug.COLLECTABLE));
  put('DEBUG_UNCOLLECTABLE', newInt(GCDebug.UNCOLLECTABLE));
  put('DEBUG_SAVEALL', newInt(GCDebug.SAVEALL));
  put('DEBUG_LEAK', newInt(GCDebug.LEAK));
  return m;
}

export type { PyList, PyDict };
