/**
 * Printing an exception as CPython 3.11 prints it on stderr: the traceback entries with
 * their source lines and carets, chained exceptions, and the `Type: message` line with
 * "Did you mean" suggestions. @cpython Python/pythonrun.c print_exception,
 * Python/traceback.c tb_displayline (3.11)
 */
import { caretAnchors } from './caret-anchors';
import { indexOfUtf8Offset } from '../syntax/source';
import { PyObject, PyType, decref } from '../objects/object';
import { PyBaseException, NameErrorType, AttributeErrorType, SyntaxErrorType } from '../objects/exceptions';
import { TypeType } from '../objects/roots';
import type { PyTraceback } from '../objects/traceback';
import { PyStr, isStr, staticId } from '../objects/unicodeobject';
import { dictItems, type PyDict } from '../objects/dictobject';
import { lookupAttr, objectRepr, objectStr } from '../objects/abstract';
import { isSequence, sequenceGetItem, sequenceSize } from '../objects/iterobject';
import { isPyException } from './errors';
import { suggestName } from './suggestions';

/** Source text of the files the run knows (the main script and bundled modules). */
const sources = new Map<string, string[]>();

export function registerSource(filename: string, text: string): void {
  sources.set(filename, text.split(/\r\n|\r|\n/));
}

/** The lines of a file the run knows, or null. */
export function sourceLines(filename: string): readonly string[] | null {
  return sources.get(filename) ?? null;
}

function sourceLine(filename: string, lineno: number): string | null {
  const lines = sources.get(filename);
  if (lines === undefined || lineno < 1 || lineno > lines.length) return null;
  return lines[lineno - 1];
}

/** UTF-8 byte offset in `line` → character (code point) offset. */

/** PyTraceBack_LIMIT: only the innermost 1000 entries are printed. */
const TRACEBACK_LIMIT = 1000;
/** A line repeated more often than this is printed once per repeat up to it, then counted. */
const RECURSIVE_CUTOFF = 3;

/** tb_print_internal: the entries, with runs of the same line collapsed as CPython does. */
function formatEntries(first: PyTraceback): string {
  let depth = 0;
  for (let tb: PyTraceback | null = first; tb !== null; tb = tb.next) depth++;
  let tb: PyTraceback | null = first;
  while (tb !== null && depth > TRACEBACK_LIMIT) {
    depth--;
    tb = tb.next;
  }
  let out = '';
  let last: { file: string; line: number; name: string } | null = null;
  let count = 0;
  const repeated = (n: number) => {
    const more = n - RECURSIVE_CUTOFF;
    return `  [Previous line repeated ${more} more time${more > 1 ? 's' : ''}]\n`;
  };
  for (; tb !== null; tb = tb.next) {
    const code = tb.frame!.frame.code;
    if (
      last === null ||
      code.filename !== last.file ||
      tb.lineno !== last.line ||
      code.name.value !== last.name
    ) {
      if (count > RECURSIVE_CUTOFF) out += repeated(count);
      last = { file: code.filename, line: tb.lineno, name: code.name.value };
      count = 0;
    }
    count++;
    if (count <= RECURSIVE_CUTOFF) out += formatEntry(tb);
  }
  if (count > RECURSIVE_CUTOFF) out += repeated(count);
  return out;
}

function formatEntry(tb: PyTraceback): string {
  const frame = tb.frame!.frame;
  const code = frame.code;
  const filename = code.filename;
  let out = `  File "${filename}", line ${tb.lineno}, in ${code.name.value}\n`;
  const line = sourceLine(filename, tb.lineno);
  if (line === null) return out;
  const stripped = line.trim();
  if (stripped === '') return out;
  out += `    ${stripped}\n`;
  const i = tb.lasti;
  if (i < 0 || i >= code.lines.length) return out;
  const endLine = code.cols[3 * i];
  const colByte = code.cols[3 * i + 1];
  const endColByte = code.cols[3 * i + 2];
  if (code.lines[i] !== tb.lineno || colByte < 0 || endColByte < 0 || endLine < 0) return out;
  const indent = line.length - line.trimStart().length;
  const start = indexOfUtf8Offset(line, colByte);
  let end = endLine !== tb.lineno ? line.trimEnd().length : indexOfUtf8Offset(line, endColByte);
  if (end <= start) return out;
  const anchors = endLine === tb.lineno ? caretAnchors(line.slice(start, end)) : null;
  const contentStart = indent;
  const contentEnd = line.trimEnd().length;
  // Carets that would cover the whole line say nothing: CPython leaves them out.
  if (anchors === null && start <= contentStart && end >= contentEnd) return out;
  end = Math.min(end, contentEnd);
  let carets = '';
  for (let p = start; p < end; p++) {
    const inAnchor = anchors !== null && p - start >= anchors.left && p - start < anchors.right;
    carets += anchors === null || inAnchor ? '^' : '~';
  }
  out += '    ' + ' '.repeat(start - indent) + carets + '\n';
  return out;
}

/** The `Type: message` line, with CPython's suggestion for NameError/AttributeError. */
export function exceptionOnlyLine(e: PyBaseException): string {
  const type = e.type as PyType;
  const mod = type.isHeapType ? type.module : 'builtins';
  const name = mod === '__main__' || mod === 'builtins' ? type.qualname : `${mod}.${type.qualname}`;
  let msg: string;
  try {
    const s = objectStr(e);
    msg = s.value;
    decref(s);
  } catch (inner) {
    if (!isPyException(inner)) throw inner;
    decref(inner);
    msg = '<exception str() failed>';
  }
  let line = msg === '' ? name : `${name}: ${msg}`;
  const suggestion = offerSuggestion(e);
  if (suggestion !== null) line += `. Did you mean: '${suggestion}'?`;
  return line;
}

function strKeys(d: PyDict | null): string[] {
  if (d === null) return [];
  return dictItems(d)
    .map(([k]) => k)
    .filter(isStr)
    .map((k) => (k as PyStr).value);
}

function offerSuggestion(e: PyBaseException): string | null {
  const nameObj = e.fields?.get('name');
  if (nameObj === undefined || !isStr(nameObj)) return null;
  const name = (nameObj as PyStr).value;
  if (e.type.isSubtypeOf(NameErrorType)) {
    let tb = e.traceback;
    if (tb === null) return null;
    while (tb.next !== null) tb = tb.next;
    const frame = tb.frame!.frame;
    const varnames = (frame.code.localsplusnames.items as PyStr[])
      .slice(0, frame.code.nlocals)
      .map((s) => s.value);
    return (
      suggestName(varnames, name) ??
      suggestName(strKeys(frame.globals), name) ??
      suggestName(strKeys(frame.builtins), name)
    );
  }
  if (e.type.isSubtypeOf(AttributeErrorType)) {
    const obj = e.fields?.get('obj');
    if (obj === undefined) return null;
    return suggestName(dirNames(obj), name);
  }
  return null;
}

/** PyObject_Dir, as the suggestion machinery calls it (sorted attribute names). */
function dirNames(obj: PyObject): string[] {
  const names = new Set<string>();
  const add = (d: PyDict | null | undefined) => {
    if (d) for (const n of strKeys(d)) names.add(n);
  };
  const isTypeObj = obj.type.isSubtypeOf(TypeType);
  if (isTypeObj) {
    for (const t of (obj as PyType).mro) add(t.dict);
  } else {
    const inst = obj as { values?: { slots: (PyObject | null)[] } | null; dict?: PyDict | null };
    add(inst.dict ?? obj.extra?.dict ?? null);
    if (inst.values) {
      const keys = obj.type.cachedKeys!;
      for (let i = 0; i < keys.nentries; i++)
        if (inst.values.slots[i] !== null) names.add((keys.keys[i] as PyStr).value);
    }
    if (obj.type.name === 'module') add((obj as unknown as { dict: PyDict }).dict);
    for (const t of obj.type.mro) add(t.dict);
  }
  return [...names].sort();
}

/** The traceback text of `e` and the exceptions chained to it (print_exception_recursive). */
export function formatException(e: PyBaseException): string {
  const seen = new Set<PyObject>();
  const parts: string[] = [];
  const walk = (exc: PyBaseException) => {
    seen.add(exc);
    const cause = exc.cause;
    const context = exc.context;
    if (cause !== null && !seen.has(cause)) {
      walk(cause);
      parts.push('\nThe above exception was the direct cause of the following exception:\n\n');
    } else if (context !== null && !exc.suppressContext && !seen.has(context)) {
      walk(context);
      parts.push('\nDuring handling of the above exception, another exception occurred:\n\n');
    }
    parts.push(formatOne(exc));
  };
  walk(e);
  return parts.join('');
}

function formatOne(e: PyBaseException): string {
  let out = '';
  if (e.traceback !== null) {
    out += 'Traceback (most recent call last):\n';
    out += formatEntries(e.traceback);
  }
  if (e.type.name === 'SyntaxError' || e.type.isSubtypeOf(SyntaxErrorType)) out += formatSyntaxError(e);
  // get_exception_notes runs before the message is formatted.
  const notes = exceptionNotes(e);
  out += exceptionOnlyLine(e) + '\n';
  return out + notes;
}

/**
 * get_exception_notes + print_exception_notes: the text of each note of the exception's
 * __notes__ on its own line; a __notes__ that is not a sequence prints as its repr (3.11
 * writes no newline after it).
 */
function exceptionNotes(e: PyBaseException): string {
  let notes: PyObject | null;
  try {
    notes = lookupAttr(e, staticId('__notes__'));
  } catch (err) {
    if (!isPyException(err)) throw err;
    const text = `Ignored error getting __notes__: ${reprOrPlaceholder(err as PyObject, '')}\n`;
    decref(err as PyObject);
    return text;
  }
  if (notes === null) return '';
  let out = '';
  try {
    if (!isSequence(notes)) return reprOrPlaceholder(notes, '<__notes__ repr() failed>');
    const n = sequenceSize(notes);
    for (let i = 0; i < n; i++) {
      const note = sequenceGetItem(notes, i);
      try {
        const s = objectStr(note);
        out += s.value;
        decref(s);
      } catch (err) {
        if (!isPyException(err)) throw err;
        decref(err as PyObject);
        out += '<note str() failed>';
      } finally {
        decref(note);
      }
      out += '\n';
    }
  } catch (err) {
    if (!isPyException(err)) throw err;
    decref(err as PyObject);
  } finally {
    decref(notes);
  }
  return out;
}

function reprOrPlaceholder(o: PyObject, placeholder: string): string {
  try {
    const s = objectRepr(o);
    const text = s.value;
    decref(s);
    return text;
  } catch (err) {
    if (!isPyException(err)) throw err;
    decref(err as PyObject);
    return placeholder;
  }
}

/** The `File …, line N` / source / caret block CPython prints before a SyntaxError line. */
function formatSyntaxError(e: PyBaseException): string {
  const get = (n: string) => e.fields?.get(n);
  const filename = get('filename');
  const lineno = get('lineno');
  const text = get('text');
  const offset = get('offset');
  const endOffset = get('end_offset');
  if (filename === undefined || !isStr(filename)) return '';
  let out = `  File "${(filename as PyStr).value}", line ${String((lineno as { value?: unknown })?.value ?? '?')}\n`;
  if (text !== undefined && isStr(text)) {
    const raw = (text as PyStr).value.replace(/\n$/, '');
    const stripped = raw.trimStart();
    const removed = raw.length - stripped.length;
    out += `    ${stripped.trimEnd()}\n`;
    const off = Number((offset as { value?: number })?.value ?? 0);
    const endOff = Number((endOffset as { value?: number })?.value ?? 0);
    if (off > 0) {
      const start = Math.max(0, off - 1 - removed);
      let width = endOff > off ? endOff - off : 1;
      if (start + width > stripped.length + 1) width = Math.max(1, stripped.length + 1 - start);
      out += '    ' + ' '.repeat(start) + '^'.repeat(width) + '\n';
    }
  }
  return out;
}
