/**
 * Number literals to values (@cpython Parser/pegen.c parsenumber). The tokenizer
 * has already checked their shape, so this only converts: JavaScript's Number()
 * rounds decimal strings correctly, like CPython's float parsing.
 */

import type { ConstantValue } from './ast';

export function parseNumber(literal: string): ConstantValue {
  const text = literal.includes('_') ? literal.replace(/_/g, '') : literal;
  const last = text[text.length - 1];
  if (last === 'j' || last === 'J') return { kind: 'complex', imag: Number(text.slice(0, -1)) };
  const radix = text.length > 1 && text[0] === '0' ? text[1].toLowerCase() : '';
  if (radix === 'x' || radix === 'o' || radix === 'b')
    return { kind: 'int', value: BigInt(text.toLowerCase()) };
  if (/[.eE]/.test(text)) return { kind: 'float', value: Number(text) };
  return { kind: 'int', value: BigInt(text) };
}
