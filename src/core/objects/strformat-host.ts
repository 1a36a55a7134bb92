/**
 * The object side of str formatting: PyObject_Format (`format()`, f-strings), str.__format__,
 * str.format / str.format_map and `fmt % args`. The text algorithms are ../text's
 * (parseFormatString, splitFieldName, formatStr/formatInt/formatFloat, percentFormat);
 * this module looks fields up on the engine's objects, owns the references, and models
 * CPython's _PyUnicodeWriter: its buffer allocations, and its "readonly" shortcut that
 * makes `'{}'.format(s)`, `'%s' % s` or `format(s, '<2')` return `s` itself.
 * @cpython Objects/abstract.c PyObject_Format, Objects/stringlib/unicode_format.h,
 * Python/formatter_unicode.c, Objects/unicodeobject.c PyUnicode_Format, _PyUnicodeWriter
 */
import { PyObject, decref, newref } from './object';
import {
  EmptyStr,
  PyStr,
  StrType,
  isStr,
  newStr,
  newStrFresh,
  strEncode,
  unicodeKind,
} from './unicodeobject';
import { IntType, isInt, newInt, type PyLong } from './longobject';
import { FloatType, floatAsDouble, type PyFloat } from './floatobject';
import { newNotImplemented } from './noneobject';
import { isTuple, tupleFromBorrowed, type PyTuple } from './tupleobject';
import { newDict, dictSetItem, type PyDict } from './dictobject';
import { call, getAttr, getItem, numberIndex, objectRepr, objectStr } from './abstract';
import { lookupSpecial } from './iterobject';
import type { PyBytes } from './bytesobject';
import { KeyErrorType, SystemErrorType, TypeErrorType, IndexErrorType } from './exceptions';
import { newException, raise, typeError } from '../vm/errors';
import { adoptBlock, pyFree, pyMalloc, pyRealloc } from '../memory/alloc';
import { raiseTextError, text } from './str-clinic';
import {
  TextError,
  conversionError,
  formatFloat,
  formatInt,
  formatStr,
  intToString,
  parseFormatString,
  percentFormat,
  percentIntTypeError,
  charFromInt,
  formatLong,
  splitFieldName,
  strKind,
  PERCENT_C_ERROR,
  type PercentHost,
} from '../text';

// ------------------------------------------------------------------ helpers

type Kind = 0 | 1 | 2 | 4;

function kindOf(t: string): Kind {
  const k = strKind(t);
  return k === 'ascii' ? 0 : k;
}

function compactSize(n: number, kind: Kind): number {
  return kind === 0 ? 48 + n + 1 : 72 + (n + 1) * kind;
}

function cpLen(t: string): number {
  let n = t.length;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < t.length) {
      const d = t.charCodeAt(i + 1);
      if (d >= 0xdc00 && d < 0xe000) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** PyFloat_CheckExact. */
function isExactFloat(o: PyObject): o is PyFloat {
  return o.type === FloatType;
}
function floatValue(o: PyObject): number {
  return (o as PyFloat).value;
}

function intValue(o: PyObject): bigint {
  const v = (o as PyLong).value;
  return typeof v === 'bigint' ? v : BigInt(v);
}

/**
 * PyObject_ASCII: repr() with non-ASCII characters escaped. The escaped text is a bytes
 * object (freed after the repr) that is decoded into the result.
 */
export function objectAscii(o: PyObject): PyStr {
  const r = objectRepr(o);
  if (unicodeKind(r) === 0) return r;
  const ascii = strEncode(r, 'ascii', 'backslashreplace');
  decref(r);
  const bytes = (ascii as PyBytes).bytes;
  let t = '';
  for (let i = 0; i < bytes.length; i++) t += String.fromCharCode(bytes[i]);
  const res = newStr(t);
  decref(ascii);
  return res;
}

// ------------------------------------------------------------------ the writer

/**
 * _PyUnicodeWriter: the buffer is a str allocation that grows (overallocated by a
 * quarter) and widens as text is written; Finish shrinks it to the exact size. A whole
 * str written first into a writer that does not overallocate is kept as is (readonly).
 */
export class UnicodeWriter {
  private parts: string[] = [];
  /** Code points written. */
  private pos = 0;
  /** Buffer block address (0 = no buffer) and capacity in code points. */
  private addr = 0;
  private size = 0;
  private kind: Kind = 0;
  private hasBuffer = false;
  private readonly: PyStr | null = null;
  overallocate = false;
  minLength = 0;

  private maxchar(): number {
    if (!this.hasBuffer) return 0;
    return this.kind === 0 ? 0x7f : this.kind === 1 ? 0xff : this.kind === 2 ? 0xffff : 0x10ffff;
  }

  /** _PyUnicodeWriter_Prepare for `length` code points of kind `kind`. */
  private prepare(length: number, kind: Kind): void {
    const maxchar = kind === 0 ? 0x7f : kind === 1 ? 0xff : kind === 2 ? 0xffff : 0x10ffff;
    if (maxchar <= this.maxchar() && length <= this.size - this.pos) return;
    if (length === 0) return;
    let newlen = this.pos + length;
    if (!this.hasBuffer) {
      if (this.overallocate) newlen += Math.floor(newlen / 4);
      if (newlen < this.minLength) newlen = this.minLength;
      this.addr = pyMalloc(compactSize(newlen, kind));
      this.size = newlen;
      this.kind = kind;
      this.hasBuffer = true;
      return;
    }
    if (newlen > this.size) {
      if (this.overallocate) newlen += Math.floor(newlen / 4);
      if (newlen < this.minLength) newlen = this.minLength;
      if (maxchar > this.maxchar() || this.readonly !== null) {
        const k = Math.max(kind, this.kind) as Kind;
        const addr = pyMalloc(compactSize(newlen, k));
        this.releaseBuffer();
        this.addr = addr;
        this.kind = k;
      } else {
        this.addr = pyRealloc(this.addr, compactSize(newlen, this.kind));
      }
      this.size = newlen;
      return;
    }
    if (maxchar > this.maxchar()) {
      const addr = pyMalloc(compactSize(this.size, kind));
      this.releaseBuffer();
      this.addr = addr;
      this.kind = kind;
    }
  }

  /** Drops the current buffer: the readonly str's reference, or the buffer block. */
  private releaseBuffer(): void {
    if (this.readonly !== null) {
      this.parts = [this.readonly.value];
      const r = this.readonly;
      this.readonly = null;
      decref(r);
    } else if (this.addr !== 0) pyFree(this.addr);
    this.addr = 0;
  }

  /** _PyUnicodeWriter_WriteStr. */
  writeStr(s: PyStr): void {
    const len = s.length;
    if (len === 0) return;
    const kind = unicodeKind(s);
    const maxchar = kind === 0 ? 0x7f : kind === 1 ? 0xff : kind === 2 ? 0xffff : 0x10ffff;
    if (maxchar > this.maxchar() || len > this.size - this.pos) {
      if (!this.hasBuffer && !this.overallocate) {
        this.readonly = newref(s);
        this.hasBuffer = true;
        this.kind = kind;
        this.size = len;
        this.pos += len;
        return;
      }
      this.prepare(len, kind);
    }
    this.parts.push(s.value);
    this.pos += len;
  }

  /** Text (a substring, digits, padding) copied into the buffer. */
  writeText(t: string): void {
    if (t === '') return;
    this.prepare(cpLen(t), kindOf(t));
    this.parts.push(t);
    this.pos += cpLen(t);
  }

  /** _PyUnicodeWriter_WriteSubstring: the whole string is written as that str. */
  writeSubstring(s: PyStr, t: string): void {
    if (t.length === s.value.length) this.writeStr(s);
    else this.writeText(t);
  }

  /** _PyUnicodeWriter_Finish: a new reference. */
  finish(): PyStr {
    if (this.pos === 0) {
      this.dealloc();
      return (EmptyStr.refcnt++, EmptyStr);
    }
    if (this.readonly !== null) {
      const r = this.readonly;
      this.readonly = null;
      return r;
    }
    const value = this.parts.join('');
    if (this.size !== this.pos) this.addr = pyRealloc(this.addr, compactSize(this.pos, this.kind));
    const addr = this.addr;
    this.addr = 0;
    // unicode_result_ready: one latin-1 character is the singleton.
    if (this.pos === 1 && this.kind <= 1) {
      pyFree(addr);
      return newStr(value);
    }
    const s = adoptBlock(new PyStr(value), addr);
    return s;
  }

  /** _PyUnicodeWriter_Dealloc (on errors). */
  dealloc(): void {
    if (this.readonly !== null) {
      const r = this.readonly;
      this.readonly = null;
      decref(r);
    } else if (this.addr !== 0) pyFree(this.addr);
    this.addr = 0;
  }
}

// ------------------------------------------------------------------ format()

/**
 * PyObject_Format (`format(value, spec)`, FORMAT_VALUE): the type's `__format__`, with
 * the fast paths for an exact str or int and an empty spec. A new reference.
 */
export function formatObject(value: PyObject, spec: PyStr | null): PyStr {
  if (spec !== null && !isStr(spec)) {
    raise(SystemErrorType, `Format specifier must be a string, not ${(spec as PyObject).type.name}`);
  }
  if (spec === null || spec.length === 0) {
    if (value.type === StrType) return newref(value as PyStr);
    if (value.type === IntType) return objectStr(value);
  }
  // _PyObject_LookupSpecial binds __format__ (a method object, made and dropped).
  const meth = lookupSpecial(value, '__format__');
  if (meth === null) return typeError(`Type ${value.type.name} doesn't define __format__`);
  let r: PyObject;
  try {
    r = call(meth, [spec ?? EmptyStr]);
  } finally {
    decref(meth);
  }
  if (!isStr(r!)) {
    const name = r!.type.name;
    decref(r!);
    typeError(`__format__ must return a str, not ${name}`);
  }
  return r as PyStr;
}

/** _PyUnicode_FormatAdvancedWriter: a str formatted into a writer. */
function formatStrInto(w: UnicodeWriter, s: PyStr, spec: string): void {
  if (spec === '') {
    if (s.type === StrType) w.writeStr(s);
    else {
      const str = objectStr(s);
      try {
        w.writeStr(str);
      } finally {
        decref(str);
      }
    }
    return;
  }
  const t = text(() => formatStr(s.value, spec, s.type.name));
  // The fast path (no padding, no truncation) writes the value itself.
  if (t === s.value) w.writeStr(s);
  else w.writeText(t);
}

/** str.__format__(spec). */
export function strDunderFormat(self: PyStr, spec: PyStr): PyStr {
  const w = new UnicodeWriter();
  try {
    formatStrInto(w, self, spec.value);
  } catch (e) {
    w.dealloc();
    throw e;
  }
  return w.finish();
}

/** render_field: the exact str/int/float formatters directly, else PyObject_Format. */
function renderField(w: UnicodeWriter, obj: PyObject, spec: string, specObj: PyStr | null): void {
  if (obj.type === StrType) return formatStrInto(w, obj as PyStr, spec);
  if (obj.type === IntType) return w.writeText(text(() => formatInt(intValue(obj), spec)));
  if (isExactFloat(obj)) {
    if (spec === '') {
      // format_obj: str(obj) written as an object.
      const str = objectStr(obj);
      try {
        return w.writeStr(str);
      } finally {
        decref(str);
      }
    }
    return w.writeText(text(() => formatFloat(floatValue(obj), spec)));
  }
  const so = specObj !== null ? newref(specObj) : newStr(spec);
  let result: PyStr;
  try {
    result = formatObject(obj, so);
  } finally {
    decref(so);
  }
  try {
    w.writeStr(result);
  } finally {
    decref(result);
  }
}

// ------------------------------------------------------------------ str.format

interface FormatArgs {
  /** The positional arguments (a tuple), or null for format_map. */
  args: PyTuple | null;
  /** The keyword dict (or the format_map mapping), or null. */
  kwargs: PyObject | null;
}

interface AutoNumber {
  state: 0 | 1 | 2;
  next: number;
}

/** get_field_object: a new reference. */
function getFieldObject(name: string, fa: FormatArgs, auto: AutoNumber): PyObject {
  const split = text(() => splitFieldName(name));
  let index = split.firstIndex;
  const empty = split.first === '';
  if (empty || index !== -1) {
    if (auto.state === 0) auto.state = empty ? 1 : 2;
    if (auto.state === 2 && empty) {
      raiseTextError(
        new TextError(
          'ValueError',
          'cannot switch from manual field specification to automatic field numbering',
        ),
      );
    }
    if (auto.state === 1 && !empty) {
      raiseTextError(
        new TextError(
          'ValueError',
          'cannot switch from automatic field numbering to manual field specification',
        ),
      );
    }
    if (empty) index = auto.next++;
  }
  let obj: PyObject;
  if (index === -1) {
    const key = newStr(split.first);
    try {
      if (fa.kwargs === null) {
        key.refcnt++;
        throw newException(KeyErrorType, [key]);
      }
      obj = getItem(fa.kwargs, key);
    } finally {
      decref(key);
    }
  } else {
    if (fa.args === null)
      raiseTextError(new TextError('ValueError', 'Format string contains positional fields'));
    const items = fa.args!.items;
    if (index >= items.length) {
      raise(IndexErrorType, `Replacement index ${index} out of range for positional args tuple`);
    }
    obj = newref(items[index]);
  }
  try {
    for (const step of split.rest) {
      if (step.kind === 'error') raiseTextError(step.error);
      let tmp: PyObject;
      if (step.kind === 'attr') {
        const n = newStr(step.name);
        try {
          tmp = getAttr(obj, n);
        } finally {
          decref(n);
        }
      } else {
        const k = typeof step.key === 'number' ? newInt(step.key) : newStr(step.key);
        try {
          tmp = getItem(obj, k);
        } finally {
          decref(k);
        }
      }
      decref(obj);
      obj = tmp;
    }
  } catch (e) {
    decref(obj);
    throw e;
  }
  return obj;
}

/** do_conversion: `!r`, `!s`, `!a`. */
function doConversion(obj: PyObject, c: string): PyStr {
  if (c === 'r') return objectRepr(obj);
  if (c === 's') return objectStr(obj);
  if (c === 'a') return objectAscii(obj);
  return raiseTextError(conversionError(c));
}

/** build_string: a new reference. `fmt` is the str being formatted (or an expanded spec). */
function buildFormat(fmt: PyStr, fa: FormatArgs, depth: number, auto: AutoNumber): PyStr {
  if (depth <= 0) raiseTextError(new TextError('ValueError', 'Max string recursion exceeded'));
  const w = new UnicodeWriter();
  w.overallocate = true;
  w.minLength = fmt.length + 100;
  try {
    const { items, error } = parseFormatString(fmt.value);
    for (let i = 0; i < items.length; i++) {
      const { literal, field } = items[i];
      const atEnd = i === items.length - 1 && error === null;
      if (literal !== '') {
        if (field === null && atEnd) w.overallocate = false;
        w.writeSubstring(fmt, literal);
      }
      if (field === null) continue;
      if (atEnd) w.overallocate = false;
      let obj = getFieldObject(field.name, fa, auto);
      try {
        if (field.conversion !== null) {
          const tmp = doConversion(obj, field.conversion);
          decref(obj);
          obj = tmp;
        }
        if (field.specNeedsExpanding) {
          const specObj = newStr(field.spec);
          let expanded: PyStr;
          try {
            expanded = buildFormat(specObj, fa, depth - 1, auto);
          } finally {
            decref(specObj);
          }
          try {
            renderField(w, obj, expanded.value, expanded);
          } finally {
            decref(expanded);
          }
        } else renderField(w, obj, field.spec, null);
      } finally {
        decref(obj);
      }
    }
    if (error !== null) raiseTextError(error);
  } catch (e) {
    w.dealloc();
    throw e;
  }
  return w.finish();
}

/**
 * str.format(*args, **kwargs): METH_VARARGS | METH_KEYWORDS, so the call packs the
 * arguments into a tuple and a dict, which the fields are looked up in.
 */
export function strFormatMethod(self: PyStr, args: PyObject[], kwnames: PyTuple | null): PyStr {
  const nkw = kwnames === null ? 0 : kwnames.items.length;
  const npos = args.length - nkw;
  const argsTuple = tupleFromBorrowed(args.slice(0, npos));
  let kwargs: PyDict | null = null;
  try {
    if (nkw > 0) {
      kwargs = newDict();
      for (let i = 0; i < nkw; i++) dictSetItem(kwargs, kwnames!.items[i], args[npos + i]);
    }
    return buildFormat(self, { args: argsTuple, kwargs }, 2, { state: 0, next: 0 });
  } finally {
    decref(argsTuple);
    if (kwargs !== null) decref(kwargs);
  }
}

/** str.format_map(mapping). */
export function strFormatMapMethod(self: PyStr, mapping: PyObject): PyStr {
  return buildFormat(self, { args: null, kwargs: mapping }, 2, { state: 0, next: 0 });
}

// ------------------------------------------------------------------ fmt % args

/** One conversion spec of a printf-style format, as far as the writer cares. */
interface SpecShape {
  conv: string;
  sign: boolean;
  alt: boolean;
  width: number | '*';
  prec: number | '*';
}

/**
 * The shape of the format's last token when it is a conversion spec that ends the format
 * string (null otherwise): enough to tell whether CPython wrote its str object as is.
 */
function lastSpecShape(fmt: string): SpecShape | null {
  const s = Array.from(fmt);
  const n = s.length;
  let i = 0;
  let last: SpecShape | null = null;
  while (i < n) {
    if (s[i] !== '%') {
      i++;
      last = null;
      continue;
    }
    i++;
    if (s[i] === '%') {
      i++;
      last = null;
      continue;
    }
    if (s[i] === '(') {
      let depth = 1;
      i++;
      while (depth > 0 && i < n) {
        if (s[i] === ')') depth--;
        else if (s[i] === '(') depth++;
        i++;
      }
    }
    const shape: SpecShape = { conv: '', sign: false, alt: false, width: -1, prec: -1 };
    while (i < n && '-+ #0'.includes(s[i])) {
      if (s[i] === '+' || s[i] === ' ') shape.sign = true;
      if (s[i] === '#') shape.alt = true;
      i++;
    }
    if (s[i] === '*') {
      shape.width = '*';
      i++;
    } else {
      let w = '';
      while (i < n && s[i] >= '0' && s[i] <= '9') w += s[i++];
      if (w !== '') shape.width = Number(w);
    }
    if (s[i] === '.') {
      i++;
      if (s[i] === '*') {
        shape.prec = '*';
        i++;
      } else {
        let p = '';
        while (i < n && s[i] >= '0' && s[i] <= '9') p += s[i++];
        shape.prec = p === '' ? 0 : Number(p);
      }
    }
    if (s[i] === 'h' || s[i] === 'l' || s[i] === 'L') i++;
    if (i >= n) return null;
    shape.conv = s[i++];
    last = shape;
  }
  return last;
}

/** PyMapping_Check. */
function isMappingLike(o: PyObject): boolean {
  return o.type.mp_subscript !== undefined;
}

/** PyNumber_Check. */
function isNumberLike(o: PyObject): boolean {
  const t = o.type;
  return t.nb_index !== undefined || t.nb_int !== undefined || t.nb_float !== undefined;
}

function isTypeError(e: unknown): boolean {
  return e instanceof PyObject && e.type.isSubtypeOf(TypeErrorType);
}

/** What the last conversion of a `%` format wrote, for the writer's readonly shortcut. */
type LastConversion =
  | { kind: 'obj'; obj: PyStr }
  | { kind: 'int'; exact: boolean; value: bigint; conv: string }
  | { kind: 'other' };

/** PyUnicode_Format: `format % args`. A new reference. */
export function percentFormatStr(format: PyStr, args: PyObject): PyStr {
  const owned: PyObject[] = [];
  let pendingStars: bigint[] = [];
  let lastStars: bigint[] = [];
  let last: LastConversion = { kind: 'other' };
  // Digit counts of the exact ints %d/%i/%u convert (long_to_decimal_string's scratch).
  const scratches: number[] = [];
  const conversion = (c: LastConversion) => {
    lastStars = pendingStars;
    pendingStars = [];
    last = c;
  };
  const host: PercentHost<PyObject> = {
    args,
    tuple: isTuple(args) ? (args as PyTuple).items : null,
    isMapping: isMappingLike(args) && !isTuple(args) && !isStr(args),
    getItem: (key: string) => {
      const k = newStr(key);
      try {
        const v = getItem(args, k);
        owned.push(v);
        return v;
      } finally {
        decref(k);
      }
    },
    starInt: (v) => {
      if (!isInt(v)) return null;
      const x = intValue(v);
      pendingStars.push(x);
      return x;
    },
    toText: (v, conv) => {
      if (v.type === IntType) {
        conversion({ kind: 'int', exact: true, value: intValue(v), conv });
        scratches.push(digitCount30(intValue(v)));
        return text(() => intToString(intValue(v)));
      }
      conversion({ kind: 'other' });
      let s: PyStr;
      if (conv === 's') s = v.type === StrType ? newref(v as PyStr) : objectStr(v);
      else if (conv === 'r') s = objectRepr(v);
      else s = objectAscii(v);
      owned.push(s);
      last = { kind: 'obj', obj: s };
      return s.value;
    },
    toInt: (v, conv) => {
      conversion({ kind: 'other' });
      let x: bigint;
      if (isInt(v)) x = intValue(v);
      else {
        if (!isNumberLike(v)) throw percentIntTypeError(conv, v.type.name);
        let r: PyObject;
        try {
          if (conv === 'o' || conv === 'x' || conv === 'X') r = numberIndex(v);
          else {
            const f = v.type.nb_int ?? v.type.nb_index;
            if (f === undefined) throw percentIntTypeError(conv, v.type.name);
            r = f(v);
            if (!isInt(r)) {
              const name = r.type.name;
              decref(r);
              typeError(`__int__ returned non-int (type ${name})`);
            }
          }
        } catch (e) {
          if (isTypeError(e)) {
            decref(e as PyObject);
            throw percentIntTypeError(conv, v.type.name);
          }
          throw e;
        }
        x = intValue(r);
        decref(r);
      }
      last = { kind: 'int', exact: v.type === IntType, value: x, conv };
      if (v.type === IntType && (conv === 'd' || conv === 'i' || conv === 'u'))
        scratches.push(digitCount30(x));
      return x;
    },
    toFloat: (v) => {
      conversion({ kind: 'other' });
      return floatAsDouble(v);
    },
    toChar: (v) => {
      conversion({ kind: 'other' });
      if (isStr(v)) {
        if ((v as PyStr).length === 1) return (v as PyStr).value;
        throw new TextError('TypeError', PERCENT_C_ERROR);
      }
      let r: PyLong;
      try {
        r = numberIndex(v);
      } catch (e) {
        if (isTypeError(e)) {
          decref(e as PyObject);
          throw new TextError('TypeError', PERCENT_C_ERROR);
        }
        throw e;
      }
      const x = intValue(r);
      decref(r);
      return charFromInt(x);
    },
  };
  try {
    const result = text(() => percentFormat(format.value, host));
    if (result === '') return (EmptyStr.refcnt++, EmptyStr);
    // No conversion at all: the format itself was the one whole str written (readonly).
    if (format.value.indexOf('%') < 0) return newref(format);
    const r = readonlyResult(format.value, result, last, lastStars);
    if (r !== null) return r;
    return writerResult(result, format.length, scratches);
  } finally {
    for (const o of owned) decref(o);
  }
}

/**
 * When the last conversion ends the format and is all that was written, CPython's writer
 * returns the str that conversion made (unicode_format_arg_output's fast path into a
 * writer with no buffer yet): the argument itself for `%s` of a str, a new str from
 * str()/repr(), or the new str _PyUnicode_FormatLong made. Null otherwise.
 */
function readonlyResult(fmt: string, result: string, last: LastConversion, stars: bigint[]): PyStr | null {
  if (last.kind === 'other') return null;
  const shape = lastSpecShape(fmt);
  if (shape === null || shape.sign) return null;
  const st = stars.slice();
  let width = shape.width === '*' ? Number(st.shift()!) : shape.width;
  if (width < -1) width = -width;
  const prec = shape.prec === '*' ? Math.max(0, Number(st.shift()!)) : shape.prec;
  const conv = shape.conv;
  let produced: string;
  if (last.kind === 'obj') produced = last.obj.value;
  else if (conv === 's' || conv === 'r' || conv === 'a') produced = intToString(last.value);
  else produced = formatLong(last.value, shape.alt, prec, conv);
  if (produced !== result) return null;
  const len = cpLen(produced);
  if (!((width === -1 || width <= len) && (prec === -1 || prec >= len))) return null;
  if (last.kind === 'obj') return newref(last.obj);
  // An exact int without width or precision is written as digits into the buffer.
  const digitsIntoWriter =
    last.exact &&
    width === -1 &&
    prec === -1 &&
    (conv === 's' || conv === 'r' || conv === 'a' || conv !== 'X');
  return digitsIntoWriter ? null : newStrFresh(result);
}

/**
 * The result of an overallocating writer (PyUnicode_Format): a buffer of at least
 * `fmtcnt + 100` code points, shrunk to the text at the end (the final block is
 * allocated while the buffer is still held, then the buffer is freed).
 */
function writerResult(value: string, fmtcnt: number, scratches: number[] = []): PyStr {
  if (value === '') return (EmptyStr.refcnt++, EmptyStr);
  const n = cpLen(value);
  const kind = kindOf(value);
  const cap = Math.max(fmtcnt + 100, n);
  let addr = pyMalloc(compactSize(cap, kind));
  // Each int written in decimal: long_to_decimal_string's scratch int (1 + n + n/99
  // digits) lives while the digits go into the buffer.
  for (const size of scratches) pyFree(pyMalloc(24 + 4 * Math.max(1, 1 + size + Math.floor(size / 99))));
  addr = pyRealloc(addr, compactSize(n, kind));
  if (n === 1 && kind <= 1) {
    pyFree(addr);
    return newStr(value);
  }
  const s = adoptBlock(new PyStr(value), addr);
  return s;
}

/** The number of 30-bit digits of |x| (Py_SIZE of the int). */
function digitCount30(x: bigint): number {
  let v = x < 0n ? -x : x;
  let n = 0;
  while (v > 0n) {
    v >>= 30n;
    n++;
  }
  return n;
}

/** unicode_mod (nb_remainder of str). */
export function unicodeMod(v: PyObject, w: PyObject): PyObject {
  if (!isStr(v)) return newNotImplemented();
  return percentFormatStr(v as PyStr, w);
}
