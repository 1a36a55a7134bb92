/**
 * linecache, as far as the lab's files go: the lines of the main script and of the engine's
 * bundled modules (the sources vm/traceback.ts keeps). tracemalloc's Traceback.format() reads
 * its lines here, as CPython's does. There is nothing to refresh: clearcache and checkcache
 * do nothing.
 * @cpython Lib/linecache.py (the observable part)
 */
import { PyObject } from '../objects/object';
import { None } from '../objects/noneobject';
import { newStr, isStr, type PyStr } from '../objects/unicodeobject';
import { newList } from '../objects/listobject';
import { intArg } from '../objects/abstract';
import { parseParams } from '../vm/args';
import { typeError } from '../vm/errors';
import { sourceLines } from '../vm/traceback';
import type { PyModule } from '../objects/moduleobject';
import { moduleBuilder } from './moduledef';

/** The file's lines, each with its '\n' (the last one only if the file ends with one). */
function linesOf(filename: PyObject): string[] {
  if (!isStr(filename)) return [];
  const lines = sourceLines((filename as PyStr).value);
  if (lines === null) return [];
  const out = lines.map((l) => l + '\n');
  // text.split leaves an empty last element after a final newline.
  if (out.length > 0 && lines[lines.length - 1] === '') out.pop();
  else if (out.length > 0) out[out.length - 1] = lines[lines.length - 1];
  return out;
}

export function createLinecacheModule(): PyModule {
  const { module: m, fn } = moduleBuilder('linecache');
  fn('getline', (args, kw) => {
    const [filename, lineno] = parseParams('getline', args, kw, ['filename', 'lineno', 'module_globals'], 2);
    if (!isStr(filename!)) typeError('getline() argument 1 must be str');
    const n = intArg(lineno!);
    const lines = linesOf(filename!);
    return newStr(n >= 1 && n <= lines.length ? lines[n - 1] : '');
  });
  fn('getlines', (args, kw) => {
    const [filename] = parseParams('getlines', args, kw, ['filename', 'module_globals'], 1);
    return newList(linesOf(filename!).map((l) => newStr(l)));
  });
  fn('clearcache', () => (None.refcnt++, None));
  fn('checkcache', (args, kw) => {
    parseParams('checkcache', args, kw, ['filename'], 0);
    return (None.refcnt++, None);
  });
  return m;
}
