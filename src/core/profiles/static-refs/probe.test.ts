/**
 * The static objects' counts at program start equal CPython's for probe.py (recorded in
 * probe.out by record.py). When the engine starts modelling more of a program's own
 * references, this fails: re-run record.py so the calibration absorbs only CPython's
 * interpreter-internal references.
 */
import { expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runSource } from '../../run';

const ours = runSource(readFileSync(join(__dirname, 'probe.py'), 'utf8'), {
  rawRefcounts: true,
}).stdout.split('\n');
const theirs = readFileSync(join(__dirname, 'probe.out'), 'utf8').split('\n');
const LINES = [
  'ints',
  'chars',
  'identifiers',
  'bytes',
  'singletons',
  'modules',
  'names',
  'types',
  'attributes',
];

/** A printed dict of str keys (no quotes inside) to ints, as an object. */
function dictLine(line: string): Record<string, number> {
  return JSON.parse(line.replaceAll("'", '"')) as Record<string, number>;
}

it('prints CPython 3.11.7 refcounts for small ints, one-character str and bytes, singletons, sys and builtins', () => {
  expect(ours.slice(0, 6)).toEqual(theirs.slice(0, 6));
});

// Names, types and module attributes are keyed: the engine has fewer of them than CPython;
// those both have must agree.
it.each([
  [LINES.indexOf('names'), 1500],
  [LINES.indexOf('types'), 160],
  [LINES.indexOf('attributes'), 60],
])('prints CPython 3.11.7 refcounts for the keyed line %i (at least %i keys in common)', (line, atLeast) => {
  const mine = dictLine(ours[line]);
  const cpython = dictLine(theirs[line]);
  const common = Object.keys(cpython).filter((key) => key in mine);
  expect(common.length).toBeGreaterThanOrEqual(atLeast);
  expect(Object.fromEntries(common.map((key) => [key, mine[key]]))).toEqual(
    Object.fromEntries(common.map((key) => [key, cpython[key]])),
  );
});
