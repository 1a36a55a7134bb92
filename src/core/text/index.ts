/**
 * Text algorithms of the interpreter that need no Python objects: float and int
 * text, the format-spec mini-language, str.format and '%' formatting, repr of str and
 * bytes, Unicode-aware str methods and code-point helpers — all matching CPython 3.11.
 * The str methods are grouped as `strMethods` (their names, e.g. `index`, are generic).
 */

export * from './errors';
export * from './unicode';
export {
  floatRepr,
  floatStr,
  doubleToString,
  SIGN,
  ADD_DOT_0,
  ALT,
  NO_NEG_0,
  type FloatCode,
} from './floatrepr';
export * from './formatspec';
export * from './intformat';
export * from './strrepr';
export * as strMethods from './strmethods';
export * from './strformat';
export * from './percent';
