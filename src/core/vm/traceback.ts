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
import { None } from '../objects/noneobject';
import { isInt, type PyLong } from '../objects/longobject';
import type { PyTraceback } from '../objects/traceback';
import { PyStr, isStr, staticId } from '../objects/unicodeobject';
import { dictItems, type PyDict } from '../objects/dictobject';
import { lookupAttr, reprText, strText } from '../objects/abstract';
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

/** The exception's type as the last line names it (module-qualified outside builtins and __main__). */
function exceptionTypeName(e: PyBaseException): string {
  const type = e.type as PyType;
  const mod = type.isHeapType ? type.module : 'builtins';
  return mod === '__main__' || mod === 'builtins' ? type.qualname : `${mod}.${type.qualname}`;
}

/** What `render` (strText, reprText) makes of `o`, or null when it raised (the error is dropped). */
function textOrNull(render: (o: PyObject) => string, o: PyObject): string | null {
  try {
    return render(o);
  } catch (err) {
    if (!isPyException(err)) throw err;
    decref(err as PyObject);
    return null;
  }
}

/** The `Type: message` line, with CPython's suggestion for NameError/AttributeError. */
export function exceptionOnlyLine(e: PyBaseException): string {
  const name = exceptionTypeName(e);
  const msg = textOrNull(strText, e) ?? '<exception str() failed>';
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
  // get_exception_notes runs before the message is formatted.
  const notes = exceptionNotes(e);
  const syntax = e.type.isSubtypeOf(SyntaxErrorType) ? formatSyntaxError(e) : null;
  if (syntax !== null) {
    // print_exception_file_and_line: the message printed is the error's msg alone.
    out += syntax.block;
    const name = exceptionTypeName(e);
    out += (syntax.msg === '' ? name : `${name}: ${syntax.msg}`) + '\n';
  } else {
    out += exceptionOnlyLine(e) + '\n';
  }
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
    const text = `Ignored error getting __notes__: ${textOrNull(reprText, err as PyObject) ?? ''}\n`;
    decref(err as PyObject);
    return text;
  }
  if (notes === null) return '';
  let out = '';
  try {
    if (!isSequence(notes)) return textOrNull(reprText, notes) ?? '<__notes__ repr() failed>';
    const n = sequenceSize(notes);
    for (let i = 0; i < n; i++) {
      const note = sequenceGetItem(notes, i);
      out += (textOrNull(strText, note) ?? '<note str() failed>') + '\n';
      decref(note);
    }
  } catch (err) {
    if (!isPyException(err)) throw err;
    decref(err as PyObject);
  } finally {
    decref(notes);
  }
  return out;
}

/**
 * parse_syntax_error and the `File …, line N` / source / caret block CPython prints before a
 * SyntaxError's message; null when the error's attributes do not allow it (no int lineno),
 * and the exception prints as any other.
 */
function formatSyntaxError(e: PyBaseException): { block: string; msg: string } | null {
  const get = (n: string) => e.fields?.get(n) ?? None;
  const int = (o: PyObject) => (isInt(o) ? Number((o as PyLong).value) : null);
  const lineno = int(get('lineno'));
  if (lineno === null) return null;
  const msg = textOrNull(strText, get('msg'));
  if (msg === null) return null;
  const filename = get('filename');
  const file = isStr(filename) ? (filename as PyStr).value : '<string>';
  let block = `  File "${file}", line ${lineno}\n`;
  const text = get('text');
  if (isStr(text)) {
    // Only SyntaxError itself has its end read; its subclasses' carets cover one column.
    const exact = e.type === SyntaxErrorType;
    const endLineno = exact ? (int(get('end_lineno')) ?? lineno) : lineno;
    const endOffset = exact ? (int(get('end_offset')) ?? -1) : -1;
    block += syntaxErrorSource((text as PyStr).value, lineno, int(get('offset')) ?? 0, endLineno, endOffset);
  }
  return { block, msg };
}

/**
 * The source line and caret line of a SyntaxError (print_exception_file_and_line and
 * print_error_text, which count the text's length in UTF-8 bytes and its columns in
 * characters): a range that ends on a later line runs to the end of the text, leading
 * whitespace is dropped, and there is no caret line when the offset falls left of the text.
 */
export function syntaxErrorSource(
  text: string,
  lineno: number,
  offset: number,
  endLineno: number,
  endOffset: number,
): string {
  // The text's UTF-8 bytes, non-ASCII ones as 0x80: only ASCII bytes are looked at.
  const chars = [...text];
  const charAt = new Map<number, number>();
  const utf8: number[] = [];
  chars.forEach((ch, k) => {
    charAt.set(utf8.length, k);
    const c = ch.codePointAt(0)!;
    if (c < 0x80) utf8.push(c);
    else for (let n = c < 0x800 ? 2 : c < 0x10000 ? 3 : 4; n > 0; n--) utf8.push(0x80);
  });
  const bytes = Uint8Array.from(utf8);
  let end = endOffset;
  if (endLineno > lineno) end = bytes.length;
  if (end > bytes.length + 1) end = bytes.length + 1;
  const carets = end > 0 && end > offset ? end - offset : 1;
  let off = offset - 1;
  let start = 0;
  while (start < bytes.length && (bytes[start] === 32 || bytes[start] === 9 || bytes[start] === 12)) {
    start++;
    off--;
  }
  let len = bytes.length - start;
  if (len > 0 && bytes[start + len - 1] === 10) len--;
  if (off > len) off = len;
  for (;;) {
    const nl = bytes.indexOf(10, start);
    if (nl < 0 || nl - start >= off) break;
    const skipped = nl - start + 1;
    start += skipped;
    len -= skipped;
    off -= skipped;
  }
  let out = '    ' + chars.slice(charAt.get(start) ?? chars.length).join('');
  if (bytes[start + len] !== 10) out += '\n';
  if (off < 0) return out;
  return out + '    ' + ' '.repeat(off) + '^'.repeat(carets) + '\n';
}
