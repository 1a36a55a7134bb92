/**
 * The objects CPython's print() and sys.stdout allocate, for a stdout that is a file or a
 * pipe (block buffered, as when the recordings were made):
 * - print's argument parser makes the tuple of its keyword names on its first call and
 *   keeps it (_PyArg_Parser.kwtuple); every call packs the positional arguments into a
 *   tuple, released when the call returns;
 * - each piece print writes (an argument, a separator, the end) goes through the file's
 *   `write`, fetched as a bound method and released after the call;
 * - TextIOWrapper.write keeps what it has not passed on yet (pending_bytes): the second
 *   pending piece makes a list of them, which lives until 8192 bytes are pending or
 *   stdout is flushed (print(flush=True), sys.stdout.flush(), or when the main module
 *   has run). So the first print() leaves a tuple and a list behind.
 * The pending pieces are the written objects themselves, so a printed str has one more
 * reference until stdout is flushed, as in CPython. The text goes to the run's output
 * unchanged.
 * @cpython Python/bltinmodule.c builtin_print, builtin_print_impl; Python/getargs.c
 *   parser_init, _PyArg_UnpackKeywordsWithVararg; Objects/fileobject.c PyFile_WriteObject;
 *   Modules/_io/textio.c _io_TextIOWrapper_write_impl, _textiowrapper_writeflush
 */
import { PyObject, decref } from '../objects/object';
import { newTuple } from '../objects/tupleobject';
import { newList, listAppendTake, ListType } from '../objects/listobject';
import { newBytesFresh } from '../objects/bytesobject';
import { internFromString, staticId, type PyStr } from '../objects/unicodeobject';
import { rt, type Runtime } from '../vm/runtime';
import { standIn } from '../startup';
import { encode } from '../text/strmethods';

/** TextIOWrapper's _CHUNK_SIZE. */
const CHUNK_SIZE = 8192;

interface StdoutState {
  /** print's _PyArg_Parser.kwtuple, once made. */
  kwtuple: PyObject | null;
  /** pending_bytes: nothing, the one piece not passed on (a str or bytes), or a list of them. */
  pending: PyObject | null;
  pendingBytes: number;
}

const states = new WeakMap<Runtime, StdoutState>();

/** print()'s keyword names: static identifiers in CPython 3.11 (_Py_ID), interned from the start. */
const PRINT_KEYWORDS = ['sep', 'end', 'file', 'flush'];
PRINT_KEYWORDS.forEach((k) => staticId(k));

function state(): StdoutState {
  let s = states.get(rt);
  if (s === undefined) states.set(rt, (s = { kwtuple: null, pending: null, pendingBytes: 0 }));
  return s;
}

/**
 * builtin_print's argument parsing: the keyword-name tuple on the first call, then the
 * tuple of positional arguments (returned: release it with `endPrint`).
 */
export function beginPrint(args: PyObject[]): PyObject {
  const s = state();
  if (s.kwtuple === null) s.kwtuple = newTuple(PRINT_KEYWORDS.map((k) => internFromString(k)));
  return newTuple(args.map((a) => (a.refcnt++, a)));
}

export function endPrint(varargs: PyObject): void {
  decref(varargs);
}

/**
 * PyFile_WriteObject on sys.stdout: `write` fetched as a bound method, the piece made (str
 * of the object: a new reference), then TextIOWrapper.write. Returns the piece's text.
 */
export function stdoutWrite(piece: () => PyStr): string {
  // The bound method (a builtin_function_or_method of 56 bytes).
  const writer = standIn(56);
  try {
    const text = piece();
    const value = text.value;
    textioWrite(text);
    return value;
  } finally {
    decref(writer);
  }
}

/**
 * TextIOWrapper.write (its reference to `text` is taken). An ASCII piece is kept as it is,
 * another one as its UTF-8 bytes; the pieces wait in pending_bytes.
 */
export function textioWrite(text: PyStr): void {
  const s = state();
  const ascii = isAscii(text.value);
  let b: PyObject = text;
  let n = text.value.length;
  if (!ascii || n > CHUNK_SIZE) {
    const bytes = encode(text.value, 'utf-8', 'surrogatepass');
    n = bytes.length;
    b = newBytesFresh(bytes);
    decref(text);
  }
  // A big piece first flushes what is pending.
  if (n >= CHUNK_SIZE && s.pending !== null) textioFlush();
  if (s.pending === null) {
    s.pending = b;
  } else if (s.pending.type !== ListType) {
    s.pending = newList([s.pending, b]);
  } else {
    listAppendTake(s.pending as ReturnType<typeof newList>, b);
  }
  s.pendingBytes += n;
  if (s.pendingBytes >= CHUNK_SIZE) textioFlush();
}

/** _textiowrapper_writeflush: the pending pieces go to the buffer and are released. */
export function textioFlush(): void {
  const s = state();
  const pending = s.pending;
  s.pending = null;
  s.pendingBytes = 0;
  if (pending !== null) decref(pending);
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}
