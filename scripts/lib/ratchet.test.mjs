import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addToList, applyRatchet, listProblems, readList } from './ratchet.mjs';

const results = [
  { name: '001_a', failure: undefined },
  { name: '002_b', failure: { what: 'stdout line 1' } },
  { name: '003_c', failure: undefined },
  { name: '004_d', failure: { what: 'exit code' } },
];

describe('applyRatchet', () => {
  it('holds listed cases to passing and only reports the others', () => {
    const outcome = applyRatchet(results, ['001_a', '002_b']);
    expect(outcome.passed.map((r) => r.name)).toEqual(['001_a']);
    expect(outcome.failed.map((r) => r.name)).toEqual(['002_b']);
    expect(outcome.newlyPassing.map((r) => r.name)).toEqual(['003_c']);
    expect(outcome.notYetPassing.map((r) => r.name)).toEqual(['004_d']);
  });

  it('counts nothing as failed for an empty list', () => {
    expect(applyRatchet(results, []).failed).toEqual([]);
  });
});

describe('listProblems', () => {
  it('wants a sorted list of existing cases without duplicates', () => {
    const known = ['001_a', '002_b', '003_c'];
    expect(listProblems(['001_a', '003_c'], known)).toEqual([]);
    expect(listProblems(['003_c', '001_a'], known)).toHaveLength(1);
    expect(listProblems(['001_a', '001_a'], known)).toHaveLength(1);
    expect(listProblems(['009_gone'], known)).toEqual(['listed but not in the corpus: 009_gone']);
  });
});

describe('list files', () => {
  it('reads an empty or missing file as an empty list, and only ever grows', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pymem-ratchet-'));
    const file = join(dir, 'passing.txt');
    expect(readList(file)).toEqual([]);
    writeFileSync(file, '');
    expect(readList(file)).toEqual([]);
    addToList(file, ['003_c', '001_a']);
    addToList(file, ['002_b', '001_a']);
    expect(readFileSync(file, 'utf8')).toBe('001_a\n002_b\n003_c\n');
    rmSync(dir, { recursive: true });
  });
});
