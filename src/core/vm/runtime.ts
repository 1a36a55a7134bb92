/**
 * The state of one run: the interpreter state and the (single) thread state of CPython.
 * @cpython Include/internal/pycore_interp.h, Include/cpython/pystate.h
 *
 * Static objects (builtin types, None, small ints, …) are module-level singletons shared
 * by every run, like CPython's statically allocated objects; everything a run allocates
 * hangs off the Runtime, so a fresh Runtime is a fresh interpreter.
 */
import type { GCState } from '../memory/gc';
import type { ObMalloc } from '../memory/obmalloc';
import type { FreeLists } from '../memory/freelists';
import type { TypeAttributeCache } from '../objects/typecache';
import type { PyObject } from '../objects/object';
import type { PyStr } from '../objects/unicodeobject';
import type { PyDict } from '../objects/dictobject';
import type { PyTuple } from '../objects/tupleobject';
import type { PyList } from '../objects/listobject';
import type { PyBaseException } from '../objects/exceptions';
import type { Frame } from './frame';

export interface RuntimeOptions {
  filename: string;
  stepBudget: number;
  memoryLimit: number;
  onStdout?: (text: string) => void;
  onStderr?: (text: string) => void;
  onProgress?: (steps: number) => void;
  /** sys.getrefcount prints counts the engine does not know CPython's value of (the calibration probe). */
  rawRefcounts?: boolean;
}

/** Receives the `sys.settrace`-style events of the user's code. */
export interface TraceSink {
  call(frame: Frame): void;
  line(frame: Frame, line: number): void;
  return(frame: Frame): void;
  exception(frame: Frame): void;
}

export class Runtime {
  heap: ObMalloc;
  gc: GCState;
  freelists: FreeLists;
  /** The interned-strings dict (its references are not counted, as in CPython). */
  interned = new Map<string, PyStr>();
  /** _PyType_Lookup's method cache (made with the runtime, lifecycle.ts). */
  typeCache!: TypeAttributeCache;

  /** Objects allocated so far (PyObject.serial of the newest). */
  births = 0;
  /** `births` when the main program started: objects born before are the interpreter's. */
  mainBirth = 0;

  // -------- thread state
  frame: Frame | null = null;
  recursionDepth = 0;
  recursionLimit = 1000;
  /**
   * exc_info slots: the last is the current one (PUSH_EXC_INFO/POP_EXCEPT write it); a
   * running generator pushes its own. The topmost exception is the last non-null.
   */
  excInfo: (PyBaseException | null)[] = [null];
  /** The program has ended: modules are being torn down (run.ts finalize). */
  finalizing = false;
  /** Set while an exception propagates: CPython starts no automatic collection then. */
  errorInFlight = false;
  trashNesting = 0;
  /** interp->slice_cache: one dead slice kept for reuse. */
  sliceCache: import('../objects/sliceobject').PySlice | null = null;
  /** The thread state's dict (PyThreadState_GetDict), made on first use. */
  threadDict: PyDict | null = null;
  /** Its 'Py_Repr' list: the objects whose repr is being computed (Py_ReprEnter). */
  reprList: PyList | null = null;
  /** Objects whose dealloc the trashcan postponed, newest last. */
  trashLater: PyObject[] = [];

  // -------- modules
  modules: PyDict | null = null;
  builtins: PyDict | null = null;
  mainDict: PyDict | null = null;
  gcCallbacks: PyList | null = null;
  gcGarbage: PyList | null = null;
  sysStdout: PyObject | null = null;
  sysStderr: PyObject | null = null;
  /** atexit.register()ed callables, oldest first (run last to first). */
  /** atexit.register'ed callbacks with their arguments, in registration order. */
  atexitCallbacks: { func: PyObject; args: PyTuple; kwargs: PyDict | null }[] = [];

  // -------- output and limits
  stdout = '';
  stderr = '';
  steps = 0;
  /** The step count at which the step budget and progress report are next looked at (vm/ceval.ts). */
  stepCheckAt = 0;
  trace: TraceSink | null = null;
  /** Files the engine can import from (bundled pure-Python modules), by module name. */
  readonly options: RuntimeOptions;

  constructor(parts: { heap: ObMalloc; gc: GCState; freelists: FreeLists }, options: RuntimeOptions) {
    this.heap = parts.heap;
    this.gc = parts.gc;
    this.freelists = parts.freelists;
    this.options = options;
  }

  writeStdout(text: string): void {
    this.stdout += text;
    this.options.onStdout?.(text);
  }

  writeStderr(text: string): void {
    this.stderr += text;
    this.options.onStderr?.(text);
  }
}

/** The current run. Reassigned by run.ts at the start of every run. */
export let rt: Runtime = null as unknown as Runtime;

export function setRuntime(runtime: Runtime): void {
  rt = runtime;
}
