/**
 * The AST as plain JSON in the shape fixtures/record.py writes for CPython's
 * `ast` module: every node an object with `_type`, its fields and its position
 * attributes; literal values tagged (`['int', '12']`, `['bytes', 'hex']`).
 * The tests compare the two structurally, node by node.
 */

import type { ConstantValue, Module } from './ast';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function astToJson(module: Module): Json {
  return { _type: 'Module', body: module.body.map((s) => toJson(s, 'stmt')), type_ignores: [] };
}

export function constantToJson(value: ConstantValue): Json {
  switch (value.kind) {
    case 'None':
    case 'Ellipsis':
      return [value.kind];
    case 'bool':
      return ['bool', value.value];
    case 'int':
      return ['int', value.value.toString()];
    case 'float':
      return ['float', finite(value.value)];
    case 'complex':
      return ['complex', finite(value.imag)];
    case 'str':
      return ['str', value.value];
    case 'bytes':
      return ['bytes', Array.from(value.value, (b) => b.toString(16).padStart(2, '0')).join('')];
  }
}

function finite(n: number): Json {
  return Number.isFinite(n) ? n : 'inf';
}

/** The `ast` class of a child that carries no `_type` of its own, by where it sits. */
function childType(parent: string, key: string): string | null {
  if (key === 'args' && (parent === 'FunctionDef' || parent === 'AsyncFunctionDef' || parent === 'Lambda')) {
    return 'arguments';
  }
  if (parent === 'arguments' && ['posonlyargs', 'args', 'vararg', 'kwonlyargs', 'kwarg'].includes(key))
    return 'arg';
  const byKey: Record<string, string> = {
    keywords: 'keyword',
    names: 'alias',
    items: 'withitem',
    cases: 'match_case',
    generators: 'comprehension',
  };
  return byKey[key] ?? null;
}

function toJson(value: unknown, type: string | null): Json {
  if (value === null || typeof value !== 'object') return value as Json;
  const obj = value as Record<string, unknown>;
  const name = typeof obj._type === 'string' ? obj._type : type;
  if (!name) throw new Error(`untyped AST object: ${JSON.stringify(Object.keys(obj))}`);
  const out: { [key: string]: Json } = { _type: name };
  for (const [key, v] of Object.entries(obj)) {
    if (key === '_type') continue;
    if (key === 'value' && (name === 'Constant' || name === 'MatchSingleton')) {
      out[key] = constantToJson(v as ConstantValue);
    } else if (Array.isArray(v)) {
      out[key] = v.map((x) => toJson(x, childType(name, key)));
    } else {
      out[key] = toJson(v, childType(name, key));
    }
  }
  return out;
}
