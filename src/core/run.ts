/**
 * Running a program from source to exit, as `python3 FILE.py` does: start the
 * interpreter, parse and compile (keeping the AST arena's constants alive while the
 * module runs), execute `__main__`, report an uncaught exception, then shut down
 * (atexit, collections, module teardown) so that finalizers run where CPython runs them.
 * @cpython Python/pythonrun.c _PyRun_SimpleFileObject, Python/pylifecycle.c Py_FinalizeEx
 */
import type { RunOptions, RunResult, TraceStep } from './index';
import { PyObject, decref, xdecref } from './objects/object';
import { createRuntime } from './vm/lifecycle';
import { rt, type TraceSink } from './vm/runtime';
import { parseModuleCached, replayModuleParseCached } from './syntax/parse-cache';
import { PySyntaxError } from './syntax/errors';
import { SymbolTable } from './compiler/symtable';
import { Compiler } from './compiler/codegen';
import { CompileError } from './compiler/errors';
import { addParserIdentifiers } from './compiler/parser-identifiers';
import {
  Arena,
  hasNonAsciiIdentifier,
  materializeConstants,
  releaseTemporaryConstants,
} from './compiler/consts';
import { AstOptimizer } from './compiler/astopt';
import { CompilerObjects } from './compiler/compilerobjects';
import { applyStartupBaseline, importUnicodedataForParser, runPythonrunPrelude } from './startup';
import { applyStartupRefs, calibratedStaticObjects } from './profiles/static-refs/calibration';
import { textioFlush } from './modules/textio';
import { newDict, dictSetItem, dictItems, dictClear, dictGetStr, type PyDict } from './objects/dictobject';
import { newModule, type PyModule } from './objects/moduleobject';
import { newStr, internFromString, staticId, type PyStr } from './objects/unicodeobject';
import { isInt, type PyLong } from './objects/longobject';
import { None } from './objects/noneobject';
import { newFunction } from './objects/funcobject';
import { PyCode } from './objects/codeobject';
import { Frame } from './vm/frame';
import { emptyLocals, isTraced } from './vm/frame-pool';
import { runFrame } from './vm/call';
import { StepBudgetExceeded } from './vm/ceval';
import { isPyException } from './vm/errors';
import { formatException, registerSource, syntaxErrorSource } from './vm/traceback';
import { createBuiltinsModule } from './modules/builtins';
import { createSysModule } from './modules/sysmodule';
import { createGcModule, createGcStateLists } from './modules/gcmodule';
import { createWeakrefCModule, createAtexitModule, runAtexit } from './modules/weakrefmodule';
import { importModule, preloadedModules, registerBuiltinModule, setModuleExecutor } from './modules/importer';
import { PyBaseException, SystemExitType } from './objects/exceptions';
import { compileErrorPosition, syntaxErrorType } from './modules/execeval';
import { objectStr } from './objects/abstract';
import './objects/registerall';
import { captureSnapshot, DEFAULT_LIMITS } from './trace/capture';
import type { Snapshot } from './trace/snapshot-types';
import { startMemoryRecording } from './trace/memory-series';
import { StepEventRecorder, buildStepEvents } from './trace/step-events';
import type { StepEvents } from './trace/step-events-types';

const DEFAULT_FILENAME = '<lab>';

export function runSource(source: string, options: RunOptions = {}): RunResult {
  const filename = options.filename ?? DEFAULT_FILENAME;
  const steps: TraceStep[] = [];
  // stepEvents: N records what happens from step N to step N + 1 (trace/step-events.ts).
  const eventsAt = options.stepEvents;
  let recorder: StepEventRecorder | null = null;
  let before: Snapshot | undefined;
  let stepEvents: StepEvents | undefined;
  // A paused run (main/checkpoint-run.ts) may record any step's events (`onStep`'s recordEvents).
  const onStep = options.onStep;
  /** Where recordEvents' events go once the next step starts (or the run ends). */
  let eventsDone: ((events: StepEvents) => void) | null = null;
  const output = (stream: 'stdout' | 'stderr', forward: ((text: string) => void) | undefined) =>
    eventsAt === undefined && onStep === undefined && options.captureEnd !== true
      ? forward
      : (text: string) => {
          recorder?.output(stream, text);
          forward?.(text);
        };
  createRuntime({
    filename,
    stepBudget: options.stepBudget ?? Infinity,
    memoryLimit: options.memoryLimit ?? 1 << 30,
    onStdout: output('stdout', options.onStdout),
    onStderr: output('stderr', options.onStderr),
    onProgress: options.onProgress,
    rawRefcounts: options.rawRefcounts,
  });
  let snapshot: Snapshot | undefined;
  const snapshots: Snapshot[] = [];
  const wanted = new Set(options.snapshotSteps ?? []);
  if (options.snapshotAt !== undefined) wanted.add(options.snapshotAt);
  const last = Math.max(-1, ...wanted, eventsAt === undefined ? -1 : eventsAt + 1);
  // A paused run captures like a snapshot run, at steps chosen later.
  const captureEnd = options.captureEnd === true;
  const snapshotting = wanted.size > 0 || eventsAt !== undefined || onStep !== undefined || captureEnd;
  /** With captureEnd: the Snapshot of the latest return of the program's <module> code. */
  let moduleEnd: Snapshot | undefined;
  /** With captureEnd: that step's events, when it was the run's last. */
  let endStepEvents: StepEvents | undefined;
  const limits = { ...DEFAULT_LIMITS, ...options.snapshotLimits };
  // Memory over time (the main run) and each object's allocating line (snapshot runs).
  const memory = startMemoryRecording({ series: options.recordMemory === true, lines: snapshotting });
  if (options.recordSteps || snapshotting || memory !== null) {
    rt.trace = stepRecorder(options.recordSteps ? steps : null, (step, event, line, func) => {
      memory?.step(step, event, func);
      if (recorder !== null && step === eventsAt! + 1) {
        recorder.stop();
        const after = captureSnapshot(step, event, line, func, limits);
        stepEvents = buildStepEvents(before!, after, step, recorder);
        recorder = null;
      }
      if (eventsDone !== null) {
        const done = eventsDone;
        eventsDone = null;
        recorder!.stop();
        const after = captureSnapshot(step, event, line, func, limits);
        const events = buildStepEvents(before!, after, step, recorder!);
        recorder = null;
        done(events);
      }
      if (captureEnd && event === 'return' && func === '<module>') {
        moduleEnd = captureSnapshot(step, event, line, func, limits);
        // If this is the run's last step, its events are what shutdown does: recorded while it
        // runs, kept only if no step follows (a heap the snapshot could not walk whole is left
        // to the re-run, so that shutdown costs no more than it did).
        if (recorder === null && !moduleEnd.truncated) {
          before = moduleEnd;
          recorder = new StepEventRecorder();
          recorder.start();
          eventsDone = (events) => {
            if (events.next === null) endStepEvents = events;
          };
        }
      }
      if (wanted.has(step)) {
        const taken = captureSnapshot(step, event, line, func, limits);
        snapshots.push(taken);
        if (step === options.snapshotAt) snapshot = taken;
      }
      if (step === eventsAt) {
        before = snapshots.find((s) => s.step === step) ?? captureSnapshot(step, event, line, func, limits);
        recorder = new StepEventRecorder();
        recorder.start();
      }
      // The rest of the run is not needed once the last requested step is captured.
      if (step === last) throw new StoppedAtSnapshot();
      if (onStep === undefined) return;
      const capture = () => captureSnapshot(step, event, line, func, limits);
      // As the `stepEvents` option does, but for the step the paused run has reached.
      const recordEvents = (done: (events: StepEvents) => void) => {
        if (recorder !== null) throw new Error(`step events are already being recorded at step ${step}`);
        before = capture();
        eventsDone = done;
        recorder = new StepEventRecorder();
        recorder.start();
      };
      onStep(step, capture, recordEvents);
    });
    rt.gc.recordPhases = snapshotting;
  }
  registerSource(filename, source);
  let exitCode: number;
  try {
    exitCode = runMain(source, filename);
  } catch (e) {
    if (e instanceof StoppedAtSnapshot) {
      exitCode = 0;
    } else if (e instanceof StepBudgetExceeded) {
      rt.writeStderr(`PyMem Lab stopped the program: ${e.message}\n`);
      exitCode = 1;
    } else {
      // The memory observer goes back to what it was (a paused run re-running from the start).
      (recorder as StepEventRecorder | null)?.stop();
      throw e;
    }
  }
  // The run ended during the step whose events were asked for: it ends there.
  const ended = recorder as StepEventRecorder | null;
  if (ended !== null && before !== undefined) {
    ended.stop();
    const after = captureSnapshot(rt.steps, before.event, before.line, before.func, limits);
    const events = buildStepEvents(before, after, null, ended);
    const done = eventsDone as ((events: StepEvents) => void) | null;
    eventsDone = null;
    if (done !== null) done(events);
    else stepEvents = events;
  }
  return {
    stdout: rt.stdout,
    stderr: rt.stderr,
    exitCode,
    steps: options.recordSteps ? steps : undefined,
    stepCount: rt.steps,
    snapshot,
    snapshots: wanted.size > 0 ? snapshots : undefined,
    memory: memory?.finish(rt.steps),
    stepEvents,
    endSnapshot: moduleEnd !== undefined && moduleEnd.step === rt.steps - 1 ? moduleEnd : undefined,
    endStepEvents,
  };
}

/** Unwinds the engine once the requested snapshot is taken: the rest of the run is not needed. */
class StoppedAtSnapshot extends Error {}

type StepListener = (step: number, event: TraceStep['event'], line: number, func: string) => void;

function stepRecorder(steps: TraceStep[] | null, onStep: StepListener): TraceSink {
  const push = (event: TraceStep['event'], f: Frame, line: number) => {
    const func = f.code.name.value;
    steps?.push({ event, line, func });
    onStep(rt.steps - 1, event, line, func);
  };
  return {
    call: (f) => push('call', f, f.code.lines[f.lasti] ?? f.code.firstlineno),
    line: (f, line) => push('line', f, line),
    return: (f) => push('return', f, f.code.lines[f.lasti] ?? -1),
    exception: (f) => push('exception', f, f.code.lines[f.lasti] ?? -1),
  };
}

/** Starts the interpreter state: sys.modules, builtins, the preloaded modules. */
function initInterpreter(filename: string, source: string): void {
  const modules = newDict();
  rt.modules = modules;
  const builtins = createBuiltinsModule();
  rt.builtins = builtins.dict;
  registerBuiltinModule('builtins', () => (builtins.refcnt++, builtins));
  registerBuiltinModule('sys', () => createSysModule(filename, modules));
  registerBuiltinModule('gc', createGcModule);
  registerBuiltinModule('_weakref', createWeakrefCModule);
  registerBuiltinModule('atexit', createAtexitModule);
  setModuleExecutor(execModuleSource);
  createGcStateLists();
  // CPython's startup has imported these (not gc: the script's first `import gc` loads it).
  for (const name of ['builtins', 'sys', '_weakref', 'atexit']) importModule(name);
  const runObjects = applyStartupRefs(dictGetStr(modules, staticId('sys')) as PyModule, builtins);
  decref(builtins);
  // CPython's site has imported weakref before the script starts: importing it is free.
  // The calibrated counts already hold those modules' references (measured in CPython,
  // where they are loaded): do not add them twice.
  const preloaded = preloadedModules(source);
  if (preloaded.length > 0) {
    const calibrated = [...calibratedStaticObjects(), ...runObjects];
    const calibratedCounts = calibrated.map((o) => o.refcnt);
    for (const name of preloaded) importBundled(name);
    calibrated.forEach((o, i) => (o.refcnt = calibratedCounts[i]));
  }
  // What startup made lives in the oldest generation, as CPython's startup objects do.
  const gc = rt.gc;
  gc.freeze();
  gc.unfreeze();
}

/** A bundled module failing to import is an engine bug: report it with its traceback. */
function importBundled(name: string): void {
  try {
    importModule(name);
  } catch (e) {
    if (!isPyException(e)) throw e;
    throw new Error(`the bundled module ${name} failed to import:\n${formatException(e)}`, { cause: e });
  }
}

/** Executes a bundled module's source into a new module (no AST arena: not __main__). */
function execModuleSource(name: string, source: string): PyModule {
  const filename = `<pymem-lab>/${name}.py`;
  registerSource(filename, source);
  const code = compileSource(source, filename, null);
  const m = newModule(name);
  const d = m.dict!;
  const key = internFromString('__builtins__');
  dictSetItem(d, key, importModule('builtins'));
  decref(key);
  try {
    execCode(code, d);
  } finally {
    decref(code);
  }
  return m;
}

/**
 * Parse, fold and compile; the arena (main script only) keeps each literal alive. Only the
 * main script makes the objects CPython's compiler makes (CPython imports the bundled
 * modules from .pyc files).
 */
function compileSource(source: string, filename: string, arena: Arena | null): PyCode {
  const mod = parseModuleCached(source);
  if (arena !== null) {
    if (hasNonAsciiIdentifier(mod)) importUnicodedataForParser();
    addParserIdentifiers(arena, replayModuleParseCached(source).names);
  }
  const temps: PyObject[] = [];
  const consts = materializeConstants(mod, arena);
  // compiler_init, then _PyAST_Optimize, _PySymtable_Build and compiler_mod (which ends
  // with compiler_free).
  const objs = new CompilerObjects(arena !== null);
  let compiling = false;
  try {
    new AstOptimizer(consts, arena, temps).module(mod);
    const st = SymbolTable.build(mod, objs);
    compiling = true;
    return new Compiler(st, consts, filename, objs).compileModule(mod);
  } finally {
    if (!compiling) objs.free();
    for (const t of temps) decref(t);
    releaseTemporaryConstants();
  }
}

/** PyEval_EvalCode: the module body runs in a frame of a throwaway function object. */
function execCode(code: PyCode, globals: PyDict): PyObject {
  const func = newFunction(code, globals, rt.builtins!);
  globals.refcnt++;
  const f = new Frame(code, func, globals, rt.builtins!, globals, emptyLocals(code.nlocalsplus));
  f.traced = isTraced(code);
  return runFrame(f);
}

function runMain(source: string, filename: string): number {
  initInterpreter(filename, source);
  const startupBirths = rt.births;
  // __main__ exists from startup (pylifecycle's add_main_module).
  const main = newModule('__main__');
  const globals = main.dict!;
  const set = (k: string, v: PyObject) => {
    const key = internFromString(k);
    dictSetItem(globals, key, v);
    decref(key);
    decref(v);
  };
  set('__annotations__', newDict());
  const builtins = importModule('builtins');
  builtins.refcnt++;
  set('__builtins__', builtins);
  const mkey = internFromString('__main__');
  dictSetItem(rt.modules!, mkey, main);
  decref(mkey);
  decref(main);
  rt.mainDict = globals;
  // From here on the state is CPython's: _PyRun_SimpleFileObject, pyrun_file, run_mod.
  applyStartupBaseline();
  rt.mainBirth = startupBirths;
  set('__file__', newStr(filename));
  set('__cached__', (None.refcnt++, None));
  runPythonrunPrelude(filename);
  const arena = new Arena();
  let code: PyCode;
  try {
    code = compileSource(source, filename, arena);
  } catch (e) {
    arena.free();
    return reportCompileError(e, filename, source);
  }

  let exitCode = 0;
  let uncaught: PyBaseException | null = null;
  try {
    decref(execCode(code, globals));
  } catch (e) {
    if (!isPyException(e)) throw e;
    rt.errorInFlight = false;
    const r = handleUncaught(e);
    exitCode = r.exitCode;
    uncaught = r.keep;
  }
  // run_mod releases the code object, then pyrun_file frees the arena; flush_io.
  decref(code);
  arena.free();
  textioFlush();
  finalize(uncaught);
  return exitCode;
}

/** An exception that ends the program: SystemExit's code, or a traceback on stderr. */
function handleUncaught(e: PyBaseException): { exitCode: number; keep: PyBaseException | null } {
  if (e.type.isSubtypeOf(SystemExitType)) {
    const code = e.fields?.get('code') ?? (e.args.items.length > 0 ? e.args.items[0] : None);
    let exitCode: number;
    if (code === None) exitCode = 0;
    else if (isInt(code)) exitCode = Number((code as PyLong).value) & 0xff;
    else {
      const s = objectStr(code);
      rt.writeStderr(s.value + '\n');
      decref(s);
      exitCode = 1;
    }
    decref(e);
    return { exitCode, keep: null };
  }
  rt.writeStderr(formatException(e));
  // sys.last_value keeps the exception (and its traceback's frames) until exit.
  return { exitCode: 1, keep: e };
}

function reportCompileError(e: unknown, filename: string, source: string): number {
  if (e instanceof PySyntaxError) {
    const type = syntaxErrorType(e).name;
    rt.writeStderr(
      syntaxErrorText(type, e.msg, filename, e.lineno, e.offset, e.endOffset, e.endLineno, e.text),
    );
    return 1;
  }
  if (e instanceof CompileError) {
    const { line: text, offset, endOffset } = compileErrorPosition(e, source);
    rt.writeStderr(
      syntaxErrorText('SyntaxError', e.msg, filename, e.lineno, offset, endOffset, e.endLineno, text),
    );
    return 1;
  }
  if (isPyException(e)) {
    rt.writeStderr(formatException(e));
    decref(e);
    return 1;
  }
  throw e;
}

/** How CPython prints a SyntaxError raised while compiling the main script. */
function syntaxErrorText(
  type: string,
  msg: string,
  filename: string,
  lineno: number,
  offset: number,
  endOffset: number,
  endLineno: number,
  text: string,
): string {
  let out = `  File "${filename}", line ${lineno}\n`;
  // An empty text stands for none (a compiler error without a line).
  // parse_syntax_error reads the end of a SyntaxError only, not of its subclasses.
  const exact = type === 'SyntaxError';
  if (text !== '')
    out += syntaxErrorSource(text, lineno, offset, exact ? endLineno : lineno, exact ? endOffset : -1);
  return out + `${type}: ${msg}\n`;
}

/**
 * Py_FinalizeEx's order: atexit callbacks (weakref.finalize), a collection, then the
 * modules are dropped from sys.modules and what only they kept alive is collected, so
 * finalizers of objects alive at exit run in the collector's order.
 */
function finalize(uncaught: PyBaseException | null): void {
  const guard = (fn: () => void) => {
    try {
      fn();
    } catch (e) {
      if (!isPyException(e)) throw e;
      rt.writeStderr(formatException(e));
      decref(e);
    }
  };
  guard(runAtexit);
  guard(() => rt.gc.collectManual(2));
  // The saved exception (sys.last_value) goes with the sys module's attributes.
  xdecref(uncaught);
  const modules = rt.modules!;
  rt.finalizing = true;
  // Modules that nothing else references die as their entry is replaced; __main__'s dict
  // lives on only through cycles (functions' __globals__) and the next collection finds it.
  guard(() => {
    for (const [name] of dictItems(modules)) dictSetItem(modules, name, None);
  });
  guard(() => dictClear(modules));
  guard(() => rt.gc.collectManual(2));
}

export type { PyStr };
