/**
 * Creating a run: a fresh interpreter state (heap, collector, free lists, interned
 * strings) over the process-wide static objects, readied once.
 * @cpython Python/pylifecycle.c (the parts that matter for memory)
 */
import { resetSubclassRegistries } from '../objects/typesubclasses';
import { applyStaticRefCalibration } from '../profiles/static-refs/calibration';
import { freezeStaticState, resetStaticState } from '../memory/static';
import { ObMalloc } from '../memory/obmalloc';
import { GCState, type GCHooks } from '../memory/gc';
import { FreeLists } from '../memory/freelists';
import { PyObject, decref } from '../objects/object';
import { Runtime, rt, setRuntime, type RuntimeOptions } from './runtime';
import { freezeStaticInterned, newInternedTable } from '../objects/unicodeobject';
import { TupleType, tupleMaybeUntrack } from '../objects/tupleobject';
import { DictType, dictMaybeUntrack } from '../objects/dictobject';
import { PyWeakRef, clearWeakrefKeepCallback, weakrefsOf } from '../objects/weakrefobject';
import { callOneArg } from '../objects/abstract';
import { writeUnraisable } from './unraisable';
import { listAppend, type PyList } from '../objects/listobject';
import { clearFreelists } from '../memory/freelistclear';
import { forgetVersionTags, readyStaticTypes, setStaticAllocator } from '../objects/typeobject';
import { TypeAttributeCache } from '../objects/typecache';
import { registerAllTypes } from '../objects/alltypes';
import { invokeGcCallbacks } from '../modules/gcmodule';
import { memoryObserver } from '../memory/memory-observer';

const DEFAULT_OPTIONS: RuntimeOptions = {
  filename: '<lab>',
  stepBudget: Infinity,
  memoryLimit: 1 << 30,
};

const gcHooks: GCHooks = {
  maybeUntrackTuple: tupleMaybeUntrack,
  maybeUntrackDict: dictMaybeUntrack,
  isExactTuple: (o) => o.type === TupleType,
  isExactDict: (o) => o.type === DictType,
  isWeakref: (o) => o instanceof PyWeakRef,
  currentStep: () => rt.steps,
  clearWeakref: (wr) => clearWeakrefKeepCallback(wr as PyWeakRef),
  weakrefsOf: (o) => weakrefsOf(o),
  weakrefCallback: (wr) => (wr as PyWeakRef).callback,
  callWeakrefCallback: (callback, wr) => {
    memoryObserver?.weakrefCallback(wr);
    try {
      decref(callOneArg(callback, wr));
    } catch (e) {
      writeUnraisable(e, callback, 'Exception ignored in');
    }
  },
  invokeCallbacks: (phase, generation, collected, uncollectable) =>
    invokeGcCallbacks(phase, generation, collected, uncollectable),
  appendGarbage: (o: PyObject) => listAppend(rt.gcGarbage as PyList, o),
  clearFreelists: () => clearFreelists(),
  errorOccurred: () => rt.errorInFlight,
};

function makeRuntime(options: Partial<RuntimeOptions>): Runtime {
  const r = new Runtime(
    { heap: new ObMalloc(), gc: new GCState(gcHooks), freelists: new FreeLists() },
    { ...DEFAULT_OPTIONS, ...options },
  );
  r.interned = newInternedTable();
  r.typeCache = new TypeAttributeCache();
  return r;
}

let staticsReady = false;

/** Readies the builtin types once per process, against a scratch runtime. */
export function ensureStatics(): void {
  if (staticsReady) return;
  staticsReady = true;
  registerAllTypes();
  const scratch = makeRuntime({});
  setStaticAllocator(<T>(fn: () => T): T => {
    const saved = rt;
    setRuntime(scratch);
    try {
      return fn();
    } finally {
      setRuntime(saved);
    }
  });
  readyStaticTypes();
  applyStaticRefCalibration();
  freezeStaticState();
  freezeStaticInterned();
}

/** A fresh interpreter state, made current. */
export function createRuntime(options: Partial<RuntimeOptions> = {}): Runtime {
  ensureStatics();
  resetStaticState();
  resetSubclassRegistries();
  forgetVersionTags();
  const r = makeRuntime(options);
  setRuntime(r);
  return r;
}
