// A ratchet list: the cases known to pass, one name per line, sorted. It may only grow: a
// listed case that fails is a test failure; a case not listed is only reported.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export function readList(file) {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '');
}

/** Problems with the list itself: unsorted, duplicated, or naming cases that do not exist. */
export function listProblems(list, knownNames) {
  const known = new Set(knownNames);
  const problems = [];
  list.forEach((name, i) => {
    if (!known.has(name)) problems.push(`listed but not in the corpus: ${name}`);
    if (i > 0 && list[i - 1] >= name) problems.push(`not sorted or duplicated: ${list[i - 1]} / ${name}`);
  });
  return problems;
}

/** Splits corpus results by the list: listed passes and failures, and what is not listed. */
export function applyRatchet(results, list) {
  const listed = new Set(list);
  const outcome = { passed: [], failed: [], newlyPassing: [], notYetPassing: [] };
  for (const result of results) {
    if (listed.has(result.name)) (result.failure ? outcome.failed : outcome.passed).push(result);
    else (result.failure ? outcome.notYetPassing : outcome.newlyPassing).push(result);
  }
  return outcome;
}

/** Adds `names` to the list file, keeping it sorted and unique; never removes a name. */
export function addToList(file, names) {
  const merged = [...new Set([...readList(file), ...names])].sort();
  writeFileSync(file, merged.map((name) => `${name}\n`).join(''));
  return merged;
}
