import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exercisesBundle } from './bundle-plugin';
import { parseCatalog } from './exercise-catalog';
import { parseExerciseFile } from './exercise-format';

const PROGRAM = ['a = []', 'b = a', '', '# a comment', 'print(len(b))'].join('\n');

const FRONT = {
  title: 'Two names',
  topic: 'Names are references',
  goal: 'See that assignment binds a name.',
  answer: { kind: 'number', from: { refcount: 'a', at: '5' } },
  visibleAt: '5',
};

/** A valid exercise file, with parts replaced. */
function file(
  parts: { front?: unknown; frontText?: string; program?: string; body?: string; extra?: string } = {},
): string {
  const front = parts.frontText ?? JSON.stringify(parts.front ?? FRONT, null, 2);
  const body =
    parts.body ??
    [
      '## Program',
      '',
      '```python',
      parts.program ?? PROGRAM,
      '```',
      '',
      '## Question',
      '',
      'What is the refcount of `a` at line 5?',
      '',
      '## Hints',
      '',
      '- Count the names.',
      '- `b = a` copies nothing:',
      '  it binds a name.',
      '',
      '## Explanation',
      '',
      'Two names: **2**.',
      parts.extra ?? '',
    ].join('\n');
  return `---json\n${front}\n---\n\n${body}\n`;
}

const problemsOf = (text: string, name = '07-two-names.md') => parseExerciseFile(name, text).problems;

describe('parseExerciseFile', () => {
  it('reads a valid exercise', () => {
    const { exercise, problems } = parseExerciseFile('07-two-names.md', file());
    expect(problems).toEqual([]);
    expect(exercise).toEqual({
      id: 'two-names',
      number: 7,
      fileName: '07-two-names.md',
      title: 'Two names',
      topic: 'Names are references',
      goal: 'See that assignment binds a name.',
      source: PROGRAM + '\n',
      question: 'What is the refcount of `a` at line 5?',
      hints: ['Count the names.', '`b = a` copies nothing: it binds a name.'],
      explanation: 'Two names: **2**.',
      answer: { kind: 'number', from: { refcount: 'a', at: '5' } },
      visibleAt: '5',
    });
  });

  it('gives choice options their labels and accepts Windows line ends', () => {
    const front = {
      ...FRONT,
      answer: {
        kind: 'choice',
        options: ['True', { value: 'False', label: 'False: two objects' }],
        from: { stdout: 1 },
      },
    };
    const { exercise, problems } = parseExerciseFile('01-x.md', file({ front }).replaceAll('\n', '\r\n'));
    expect(problems).toEqual([]);
    expect(exercise?.answer).toEqual({
      kind: 'choice',
      options: [
        { value: 'True', label: 'True' },
        { value: 'False', label: 'False: two objects' },
      ],
      from: { stdout: 1 },
    });
  });

  it('refuses a file without front matter, or with front matter that is not JSON', () => {
    expect(problemsOf('## Program\n')).toContain(
      '07-two-names.md: front matter: the file must start with a line "---json", the JSON front matter, and a line "---"',
    );
    expect(problemsOf(file({ frontText: '{ title: "no quotes" }' }))[0]).toMatch(
      /^07-two-names\.md: front matter: is not valid JSON \(.+\)$/,
    );
  });

  it('names every missing, mistyped or unknown field of the front matter', () => {
    const { title: _title, ...noTitle } = FRONT;
    expect(problemsOf(file({ front: { ...noTitle, topic: 3, difficulty: 'easy' } }))).toEqual([
      '07-two-names.md: front matter title: is missing',
      '07-two-names.md: front matter topic: must be a string',
      '07-two-names.md: front matter: Unrecognized key: "difficulty"',
    ]);
    expect(problemsOf(file({ front: { ...FRONT, title: 'two\nlines' } }))).toEqual([
      '07-two-names.md: front matter title: must be one line',
    ]);
  });

  it('explains a bad answer', () => {
    const answer = (value: unknown) => problemsOf(file({ front: { ...FRONT, answer: value } }));
    expect(answer({ kind: 'essay' })).toEqual([
      '07-two-names.md: front matter answer.kind: must be "number", "choice", "freed" or "collected"',
    ]);
    expect(answer({ kind: 'number', from: { stdout: 0 } })).toEqual([
      '07-two-names.md: front matter answer.from.stdout: must be a line of stdout: 1 is the first, -1 the last',
    ]);
    expect(answer({ kind: 'number', from: { refcount: 'a b', at: '5' } })).toEqual([
      "07-two-names.md: front matter answer.from.refcount: must be a variable followed by .attribute, [index] or ['key'] parts, like a.items[0]",
    ]);
    expect(answer({ kind: 'number', from: { weight: 'a' } })).toEqual([
      '07-two-names.md: front matter answer.from: must be {"stdout": N}, {"refcount": PATH, "at": LINE} or {"size": PATH, "at": LINE}',
    ]);
    expect(answer({ kind: 'choice', options: ['1', '1'], from: { stdout: -1 } })).toEqual([
      '07-two-names.md: front matter answer.options: must have different values',
    ]);
    expect(answer({ kind: 'choice', options: ['1'], from: { stdout: -1 } })).toEqual([
      '07-two-names.md: front matter answer.options: must offer at least 2 options',
    ]);
    expect(
      answer({
        kind: 'freed',
        objects: [
          { label: 'x', path: 'a', at: '5' },
          { label: 'x', path: 'b', at: '5:0' },
        ],
      }),
    ).toEqual([
      '07-two-names.md: front matter answer.objects[1].at: must be a line selector like "7" (line 7, the first time it runs) or "7:2" (the second time)',
      '07-two-names.md: front matter answer.objects: must have different labels',
    ]);
    expect(answer({ kind: 'collected', objects: [{ label: 'x', path: 'a', at: '5' }] })).toEqual([
      '07-two-names.md: front matter answer.collection: is missing',
    ]);
  });

  it('refuses line selectors past the program or on lines that never run', () => {
    expect(problemsOf(file({ front: { ...FRONT, visibleAt: '9' } }))).toEqual([
      "07-two-names.md: front matter visibleAt: line 9 is past the program's last line (5)",
    ]);
    expect(
      problemsOf(
        file({
          front: { ...FRONT, visibleAt: '3', answer: { kind: 'number', from: { size: 'a', at: '4:2' } } },
        }),
      ),
    ).toEqual([
      '07-two-names.md: front matter visibleAt: line 3 is blank or a comment: it never runs',
      '07-two-names.md: front matter answer.from.at: line 4 is blank or a comment: it never runs',
    ]);
  });

  it('requires the four sections, once each, and nothing else', () => {
    const sections = file().split('\n');
    const without = (heading: string) => {
      const start = sections.indexOf(heading);
      const end = sections.findIndex((line, i) => i > start && line.startsWith('## '));
      return [...sections.slice(0, start), ...(end < 0 ? [] : sections.slice(end))].join('\n');
    };
    expect(problemsOf(without('## Explanation'))).toEqual([
      '07-two-names.md: section "Explanation": is missing',
    ]);
    expect(problemsOf(without('## Program'))).toEqual(['07-two-names.md: section "Program": is missing']);
    expect(problemsOf(file({ extra: '\n## Notes\n\nmore' }))).toEqual([
      '07-two-names.md: section "Notes": is not one of "Program", "Question", "Hints", "Explanation"',
    ]);
    expect(problemsOf(file({ extra: '\n## Question\n\nagain?' }))).toEqual([
      '07-two-names.md: section "Question": appears twice',
    ]);
    expect(problemsOf(file({ extra: '\n## Hints\n' }))).toEqual([
      '07-two-names.md: section "Hints": appears twice',
      '07-two-names.md: section "Hints": is empty',
    ]);
    expect(problemsOf(file().replace('## Program', 'Intro.\n\n## Program'))).toEqual([
      '07-two-names.md: body: text before the first section ("## Program")',
    ]);
  });

  it('checks the program and the hints', () => {
    expect(problemsOf(file().replace('```python', '```'))).toEqual([
      '07-two-names.md: section "Program": must be exactly one ```python code block and nothing else',
    ]);
    expect(problemsOf(file({ program: 'a = []\nif a:\n\tb = a\nb = a\nprint(b)' }))).toEqual([
      '07-two-names.md: section "Program": must indent with spaces, not tabs',
    ]);
    expect(problemsOf(file().replace('- Count the names.', 'Count the names.'))).toEqual([
      '07-two-names.md: section "Hints": must be a list of "- " items; found "Count the names."',
    ]);
    // A "## " line inside the program is code, not a section.
    expect(problemsOf(file({ program: PROGRAM + '\n## not a heading' }))).toEqual([]);
  });

  it('refuses a bad file name', () => {
    expect(problemsOf(file(), 'Two Names.md')).toEqual([
      'Two Names.md: file name: must look like 07-some-title.md (a number, then lowercase words and dashes)',
    ]);
  });
});

describe('parseCatalog', () => {
  it('orders the exercises by number and refuses duplicates and stray files', () => {
    const catalog = parseCatalog([
      { name: 'README.md', contents: '# the format' },
      { name: '02-second.md', contents: file() },
      { name: '01-first.md', contents: file() },
      { name: '02-again.md', contents: file() },
      { name: '03-first.md', contents: file() },
      { name: 'notes.txt', contents: '' },
    ]);
    expect(catalog.exercises.map((e) => e.fileName)).toEqual([
      '01-first.md',
      '02-second.md',
      '02-again.md',
      '03-first.md',
    ]);
    expect(catalog.problems).toEqual([
      'notes.txt: not an exercise (the folder holds NN-name.md files and README.md)',
      '02-again.md: number 02 is also used by 02-second.md',
      '03-first.md: id "first" is also used by 01-first.md (progress is kept by id)',
    ]);
  });
});

describe('exercisesBundle (the build)', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  function load(files: Record<string, string>): unknown {
    const dir = mkdtempSync(join(tmpdir(), 'pymem-exercises-'));
    dirs.push(dir);
    for (const [name, contents] of Object.entries(files)) writeFileSync(join(dir, name), contents);
    const plugin = exercisesBundle(dir);
    const context = {
      addWatchFile: () => {},
      error: (message: string) => {
        throw new Error(message);
      },
    };
    const resolved = (plugin.resolveId as unknown as (id: string) => string | null)(
      'virtual:pymem-exercises',
    );
    const loadHook = plugin.load as unknown as (this: typeof context, id: string) => string | null;
    return loadHook.call(context, resolved!);
  }

  it('bundles valid exercises as a module of their files', () => {
    const code = load({ '01-first.md': file(), 'README.md': 'docs' }) as string;
    expect(code.startsWith('export default [')).toBe(true);
    expect(code).toContain('01-first.md');
  });

  it('fails the build with every problem listed', () => {
    expect(() =>
      load({ '01-first.md': file({ front: { ...FRONT, visibleAt: '70' } }), '02-x.md': 'oops' }),
    ).toThrow(
      /Invalid exercises in .+:\n01-first\.md: front matter visibleAt: line 70 is past.+\n02-x\.md: front matter: the file must start/,
    );
  });
});
