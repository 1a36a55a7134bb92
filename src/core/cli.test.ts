/** The engine's command line: the graph exports and the step they are taken at. */
import { describe, expect, it } from 'vitest';
import { main, moduleEndStep, type CliIO } from './cli';
import type { GraphJson } from './trace/graph-export';
import type { ReferenceEvent, StepEvents } from './trace/step-events-types';

const LEAK = ['import gc', 'l = []', 'l.append(l)', 'del l', "print('end')", ''].join('\n');

function run(argv: string[], files: Record<string, string> = { 'leak.py': LEAK }) {
  const written = new Map<string, string>();
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    readFile: (path) => {
      if (!(path in files)) throw new Error('ENOENT');
      return files[path];
    },
    writeFile: (path, text) => void written.set(path, text),
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    cwd: '/work',
  };
  const code = main(argv, io);
  const json = written.has('g.json') ? (JSON.parse(written.get('g.json')!) as GraphJson) : undefined;
  return { code, stdout, stderr, written, json, dot: written.get('g.dot') };
}

describe('--graph-json and --graph-dot', () => {
  it('write the graph where the module has ended, with the leaked cycle still alive', () => {
    const { code, stdout, json, dot } = run(['leak.py', '--graph-json', 'g.json', '--graph-dot', 'g.dot']);
    expect(code).toBe(0);
    expect(stdout).toBe('end\n');
    expect(json).toMatchObject({ event: 'return', func: '<module>', line: 5 });
    const list = json!.objects.find((o) => o.type === 'list')!;
    expect(list.reachable).toBe(false);
    expect(json!.unreachable).toContain(list.id);
    expect(json!.cycles).toEqual([[list.id]]);
    expect(json!.elements.nodes.map((n) => n.data.id)).toContain(`o${list.id}`);
    expect(dot).toContain('cycle (unreachable: garbage)');
  });

  it('write the graph at the step --at-line or --step chooses', () => {
    const atLine = run(['leak.py', '--graph-json', 'g.json', '--at-line', '4']).json!;
    expect(atLine).toMatchObject({ event: 'line', line: 4 });
    expect(atLine.unreachable).toEqual([]);
    expect(atLine.cycles).toHaveLength(1);

    const first = run(['leak.py', '--graph-dot', 'g.dot', '--step', '0']).dot!;
    expect(first).toContain('step 0: call at line 0 in <module>');
  });

  it('write both files from the same snapshot as --snapshot-json', () => {
    const { json, written } = run([
      'leak.py',
      '--snapshot-json',
      's.json',
      '--graph-json',
      'g.json',
      '--at-line',
      '5',
    ]);
    const snapshot = JSON.parse(written.get('s.json')!);
    const {
      format: _format,
      version: _version,
      unreachable: _unreachable,
      elements: _elements,
      ...rest
    } = json!;
    expect(rest).toEqual(snapshot);
  });

  it('report a step that does not exist', () => {
    const { code, stderr, written } = run(['leak.py', '--graph-json', 'g.json', '--at-line', '99']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/no such step \(--at-line 99:1\)/);
    expect(written.size).toBe(0);
  });
});

describe('--step-events-json', () => {
  it('writes the events of the step --at-line chooses: del l leaves the list to the collector', () => {
    const { code, written } = run(['leak.py', '--step-events-json', 'e.json', '--at-line', '4']);
    expect(code).toBe(0);
    const events = JSON.parse(written.get('e.json')!) as StepEvents;
    expect(events).toMatchObject({ line: 4, func: '<module>' });
    const unlink = events.events.find(
      (e) => e.kind === 'unlink' && e.label === 'l',
    ) as ReferenceEvent<'unlink'>;
    expect(unlink).toBeDefined();
    // The list keeps itself alive: its refcount goes from 2 to 1 and nothing is freed.
    expect(events.events).toContainEqual({
      kind: 'refcount',
      id: unlink!.to,
      before: 2,
      after: 1,
      unexplained: 0,
    });
    expect(events.events.some((e) => e.kind === 'free')).toBe(false);
  });

  it('reports a step that does not exist', () => {
    const { code, stderr } = run(['leak.py', '--step-events-json', 'e.json', '--step', '999']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/no such step \(--step 999\)/);
  });
});

describe('moduleEndStep', () => {
  const step = (event: 'call' | 'line' | 'return', func: string) => ({ event, line: 1, func });

  it("is the <module> code's own return, not a nested one nor shutdown's steps after it", () => {
    const steps = [
      step('call', '<module>'),
      step('line', '<module>'),
      step('call', 'f'),
      step('return', 'f'),
      step('return', '<module>'),
      step('call', '__del__'),
      step('return', '__del__'),
    ];
    expect(moduleEndStep(steps)).toBe(4);
  });

  it('is the last step of a run that stopped early, null without steps', () => {
    expect(moduleEndStep([step('call', '<module>'), step('line', '<module>')])).toBe(1);
    expect(moduleEndStep([])).toBeNull();
  });
});

describe('reading the file', () => {
  it('drops a UTF-8 byte order mark at its start, as CPython does', () => {
    const { code, stdout, stderr } = run(['bom.py'], { 'bom.py': '\ufeffprint("ok")\n' });
    expect({ code, stdout, stderr }).toEqual({ code: 0, stdout: 'ok\n', stderr: '' });
  });
});
