/**
 * The exercise file format (documented in resources/exercises/README.md): Markdown with a JSON
 * front matter (between `---json` and `---`). The front matter holds what a program reads (title, the answer's kind and where
 * the engine finds it, the step that shows it); the Markdown sections hold what a person reads.
 *
 * Parsing never stops at the first problem: every problem of a file is reported, each with the
 * file and the field or section it is in, so an author fixes them in one go.
 */

import { z } from 'zod';
import type { ChoiceOption, ExerciseId, LineSelector } from '../../shared/exercise';

/** Where the engine reads a number: a line of stdout, or an object's refcount or size at a step. */
export type ValueSource =
  { stdout: number } | { refcount: string; at: LineSelector } | { size: string; at: LineSelector };

/** An object of the program, found by a path from a variable at a step. */
export interface ObjectRef {
  label: string;
  path: string;
  at: LineSelector;
}

export type AnswerSpec =
  | { kind: 'number'; unit?: string; from: ValueSource }
  | { kind: 'choice'; options: ChoiceOption[]; from: { stdout: number } }
  | { kind: 'freed'; objects: ObjectRef[] }
  | { kind: 'collected'; objects: ObjectRef[]; collection: LineSelector };

/** One exercise as the main process knows it (answers included, so never sent as is). */
export interface ExerciseDefinition {
  id: ExerciseId;
  number: number;
  fileName: string;
  title: string;
  topic: string;
  goal: string;
  source: string;
  question: string;
  hints: string[];
  explanation: string;
  answer: AnswerSpec;
  visibleAt: LineSelector;
}

export const FILE_NAME = /^(\d{2,3})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$/;
const SECTIONS = ['Program', 'Question', 'Hints', 'Explanation'] as const;
const MAX_PROGRAM_CHARS = 4000;
const MAX_TEXT_CHARS = 4000;

/** A field's error: "is missing" when absent, else `message`. */
const required = (message: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is missing' : message),
});

const text = (max: number) =>
  z
    .string(required('must be a string'))
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine((value) => !/[\r\n]/.test(value), 'must be one line');

export const lineSelectorSchema = z
  .string(required('must be a line selector string like "7" or "7:2"'))
  .regex(
    /^[1-9]\d*(?::[1-9]\d*)?$/,
    'must be a line selector like "7" (line 7, the first time it runs) or "7:2" (the second time)',
  );

export const objectPathSchema = z
  .string(required('must be a path string like a.items[0]'))
  .regex(
    /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*|\[-?\d+\]|\['[^'\\\n]*'\])*$/,
    "must be a variable followed by .attribute, [index] or ['key'] parts, like a.items[0]",
  );

const stdoutLineSchema = z.strictObject({
  stdout: z
    .number(required('must be a number'))
    .int('must be a whole number')
    .refine((n) => n !== 0, 'must be a line of stdout: 1 is the first, -1 the last'),
});

const valueSourceSchema = z.union(
  [
    stdoutLineSchema,
    z.strictObject({ refcount: objectPathSchema, at: lineSelectorSchema }),
    z.strictObject({ size: objectPathSchema, at: lineSelectorSchema }),
  ],
  required('must be {"stdout": N}, {"refcount": PATH, "at": LINE} or {"size": PATH, "at": LINE}'),
);

const choiceOptionSchema = z.union([text(200), z.strictObject({ value: text(200), label: text(200) })], {
  error: 'must be a string or {"value": …, "label": …}',
});

const objectRefSchema = z.strictObject({
  label: text(80),
  path: objectPathSchema,
  at: lineSelectorSchema,
});

const objectsSchema = z
  .array(objectRefSchema, required('must be a list of objects'))
  .min(1, 'must name at least one object')
  .max(8, 'must name at most 8 objects')
  .refine((objects) => unique(objects.map((o) => o.label)), 'must have different labels');

const answerSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('number'),
      unit: text(20).optional(),
      from: valueSourceSchema,
    }),
    z.strictObject({
      kind: z.literal('choice'),
      options: z
        .array(choiceOptionSchema, required('must be a list of options'))
        .min(2, 'must offer at least 2 options')
        .max(8, 'must offer at most 8 options')
        .refine((options) => unique(options.map(optionValue)), 'must have different values'),
      from: stdoutLineSchema,
    }),
    z.strictObject({ kind: z.literal('freed'), objects: objectsSchema }),
    z.strictObject({ kind: z.literal('collected'), objects: objectsSchema, collection: lineSelectorSchema }),
  ],
  required('must be "number", "choice", "freed" or "collected"'),
);

export const frontMatterSchema = z.strictObject({
  title: text(120),
  topic: text(80),
  goal: text(300),
  answer: answerSchema,
  visibleAt: lineSelectorSchema,
});

export type FrontMatter = z.infer<typeof frontMatterSchema>;

function unique(values: string[]): boolean {
  return new Set(values).size === values.length;
}

function optionValue(option: string | { value: string }): string {
  return typeof option === 'string' ? option : option.value;
}

export interface ParsedExercise {
  exercise?: ExerciseDefinition;
  /** Every problem found, each starting with the file name. */
  problems: string[];
}

/** Parses one exercise file; `problems` is empty when it is valid. */
export function parseExerciseFile(fileName: string, contents: string): ParsedExercise {
  const problems: string[] = [];
  const problem = (where: string, message: string) => problems.push(`${fileName}: ${where}: ${message}`);

  const name = FILE_NAME.exec(fileName);
  if (!name)
    problem('file name', 'must look like 07-some-title.md (a number, then lowercase words and dashes)');

  const normalized = contents.replace(/\r\n?/g, '\n');
  // `---json`, not `---`: Prettier (and other Markdown tools) read a bare `---` block as YAML.
  const front = /^---json\n([\s\S]*?)\n---\n/.exec(normalized);
  let frontMatter: FrontMatter | undefined;
  if (!front) {
    problem(
      'front matter',
      'the file must start with a line "---json", the JSON front matter, and a line "---"',
    );
  } else {
    let json: unknown;
    try {
      json = JSON.parse(front[1]!);
    } catch (error) {
      problem('front matter', `is not valid JSON (${(error as Error).message})`);
    }
    if (json !== undefined) {
      const parsed = frontMatterSchema.safeParse(json);
      if (parsed.success) frontMatter = parsed.data;
      else
        for (const issue of parsed.error.issues)
          problem(`front matter${fieldPath(issue.path)}`, issue.message);
    }
  }

  const body = front ? normalized.slice(front[0].length) : normalized;
  const sections = splitSections(body, problem);
  const program = sections.get('Program');
  const source = program === undefined ? undefined : programSource(program, problem);
  const hints = sections.has('Hints') ? hintList(sections.get('Hints')!, problem) : undefined;

  if (frontMatter && source !== undefined) checkAgainstProgram(frontMatter, source, problem);
  if (problems.length > 0 || !name || !frontMatter || source === undefined || !hints) return { problems };

  const { answer } = frontMatter;
  return {
    problems,
    exercise: {
      id: name[2]!,
      number: Number(name[1]),
      fileName,
      title: frontMatter.title,
      topic: frontMatter.topic,
      goal: frontMatter.goal,
      source,
      question: sections.get('Question')!,
      hints,
      explanation: sections.get('Explanation')!,
      visibleAt: frontMatter.visibleAt,
      answer:
        answer.kind === 'choice'
          ? {
              ...answer,
              options: answer.options.map((o) => (typeof o === 'string' ? { value: o, label: o } : o)),
            }
          : answer,
    },
  };
}

function fieldPath(path: PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? ' ' : '.'}${String(key)}`))
    .join('');
}

/** The `## Name` sections, each exactly once and in any order; text before them is an error. */
function splitSections(body: string, problem: (where: string, message: string) => void): Map<string, string> {
  const sections = new Map<string, string>();
  const seen = new Set<string>();
  let current: string | undefined;
  let lines: string[] = [];
  let inFence = false;
  const finish = () => {
    const content = lines.join('\n').trim();
    if (current === undefined) {
      if (content !== '') problem('body', 'text before the first section ("## Program")');
    } else if (content === '') {
      problem(`section "${current}"`, 'is empty');
    } else if ((SECTIONS as readonly string[]).includes(current)) {
      sections.set(current, content);
    }
  };
  for (const line of body.split('\n')) {
    if (line.startsWith('```')) inFence = !inFence;
    const heading = inFence ? null : /^##\s+(.+?)\s*$/.exec(line);
    if (!heading) {
      lines.push(line);
      continue;
    }
    finish();
    current = heading[1]!;
    lines = [];
    if (!(SECTIONS as readonly string[]).includes(current)) {
      problem(`section "${current}"`, `is not one of ${SECTIONS.map((s) => `"${s}"`).join(', ')}`);
    } else if (seen.has(current)) {
      problem(`section "${current}"`, 'appears twice');
    }
    seen.add(current);
  }
  finish();
  for (const section of SECTIONS) if (!seen.has(section)) problem(`section "${section}"`, 'is missing');
  for (const [section, content] of sections) {
    if (section !== 'Program' && content.length > MAX_TEXT_CHARS)
      problem(`section "${section}"`, `must be at most ${MAX_TEXT_CHARS} characters`);
  }
  return sections;
}

/** The program: the section's one ```python fence, without trailing blank lines. */
function programSource(
  section: string,
  problem: (where: string, message: string) => void,
): string | undefined {
  const fence = /^```python\n([\s\S]*?)\n```$/.exec(section);
  if (!fence) {
    problem('section "Program"', 'must be exactly one ```python code block and nothing else');
    return undefined;
  }
  const source = fence[1]!.replace(/\s+$/, '') + '\n';
  if (source.trim() === '') problem('section "Program"', 'the program is empty');
  if (source.length > MAX_PROGRAM_CHARS)
    problem('section "Program"', `must be at most ${MAX_PROGRAM_CHARS} characters`);
  if (source.includes('\t')) problem('section "Program"', 'must indent with spaces, not tabs');
  return source;
}

/** The hints: a Markdown list, one `- ` item per hint (continued by indented lines). */
function hintList(section: string, problem: (where: string, message: string) => void): string[] | undefined {
  const hints: string[] = [];
  for (const line of section.split('\n')) {
    if (line.startsWith('- ')) hints.push(line.slice(2).trim());
    else if (/^\s+\S/.test(line) && hints.length > 0) hints[hints.length - 1] += ` ${line.trim()}`;
    else if (line.trim() !== '') {
      problem('section "Hints"', `must be a list of "- " items; found "${line.trim().slice(0, 40)}"`);
      return undefined;
    }
  }
  if (hints.length === 0) problem('section "Hints"', 'must have at least one "- " item');
  return hints;
}

/** Line selectors must point at a line of the program that holds a statement. */
function checkAgainstProgram(
  front: FrontMatter,
  source: string,
  problem: (where: string, message: string) => void,
): void {
  const lines = source.split('\n');
  const check = (where: string, selector: string) => {
    const line = Number(selector.split(':')[0]);
    const text = lines[line - 1];
    if (text === undefined || line > lines.length - 1) {
      problem(`front matter ${where}`, `line ${line} is past the program's last line (${lines.length - 1})`);
    } else if (text.trim() === '' || text.trim().startsWith('#')) {
      problem(`front matter ${where}`, `line ${line} is blank or a comment: it never runs`);
    }
  };
  check('visibleAt', front.visibleAt);
  const { answer } = front;
  if (answer.kind === 'number' && 'at' in answer.from) check('answer.from.at', answer.from.at);
  if (answer.kind === 'freed' || answer.kind === 'collected') {
    answer.objects.forEach((object, i) => check(`answer.objects[${i}].at`, object.at));
  }
  if (answer.kind === 'collected') check('answer.collection', answer.collection);
}
