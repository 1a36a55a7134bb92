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

it('prints CPython 3.11.7 refcounts for small ints, one-character str and bytes, and singletons', () => {
  const source = readFileSync(join(__dirname, 'probe.py'), 'utf8');
  expect(runSource(source).stdout).toBe(readFileSync(join(__dirname, 'probe.out'), 'utf8'));
});
