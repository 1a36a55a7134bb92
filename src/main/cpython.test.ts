import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LabError } from '../shared/lab-error';
import {
  CPython,
  cleanEnvironment,
  runProcess,
  type ProcessRequest,
  type ProcessResult,
  type ProcessRunner,
} from './cpython';

const ok = (stdout: string, stderr = ''): ProcessResult => ({
  stdout,
  stderr,
  exitCode: 0,
  timedOut: false,
  truncated: false,
});

const probeReply = (
  implementation: string,
  version: string,
  bits = 64,
  executable = '/opt/py/bin/python3.11',
) => ok(JSON.stringify([implementation, version, bits, executable]) + '\n');

/** A runner that answers the version probe with `probe` and runs snippets with `snippet`. */
function fakeRunner(
  probe: () => ProcessResult,
  snippet: (request: ProcessRequest, script: string) => ProcessResult = () => ok(''),
): ProcessRunner & { requests: ProcessRequest[] } {
  const requests: ProcessRequest[] = [];
  const runner = async (request: ProcessRequest) => {
    requests.push(request);
    if (request.args.at(-1)?.includes('python_implementation')) return probe();
    // Read the script while it exists: the folder is removed after the run.
    return snippet(request, readFileSync(join(request.cwd, 'main.py'), 'utf8'));
  };
  return Object.assign(runner, { requests });
}

async function rejection(promise: Promise<unknown>): Promise<LabError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LabError);
  return error as LabError;
}

describe('CPython status', () => {
  it('is available for CPython 3.11 on 64 bits, and remembers the interpreter', async () => {
    const runner = fakeRunner(() => probeReply('CPython', '3.11.7'));
    const cpython = new CPython({ runner });
    expect(await cpython.status()).toEqual({
      available: true,
      version: '3.11.7',
      executable: '/opt/py/bin/python3.11',
    });
    await cpython.status();
    expect(runner.requests).toHaveLength(1);
    expect(runner.requests[0]!.command).toBe('python3');
  });

  it.each([
    [
      'another version',
      probeReply('CPython', '3.12.1'),
      /CPython 3\.12\.1; the lab reproduces CPython 3\.11/,
    ],
    ['another implementation', probeReply('PyPy', '3.11.9'), /PyPy 3\.11\.9, not CPython/],
    ['a 32-bit build', probeReply('CPython', '3.11.2', 32), /32-bit/],
    ['garbage', ok('Python 3.11.7\n'), /did not report its version/],
    [
      'a failing interpreter',
      { ...ok('', 'Fatal Python error: init_fs_encoding\n'), exitCode: 1 },
      /did not report its version \(Fatal Python error: init_fs_encoding\)/,
    ],
  ])('is unavailable with %s, and says why', async (_label, reply, reason) => {
    const status = await new CPython({ runner: fakeRunner(() => reply) }).status();
    expect(status).toEqual({ available: false, reason: expect.stringMatching(reason) });
  });

  it('is unavailable when there is no python3 on the PATH', async () => {
    const runner: ProcessRunner = async () => {
      throw Object.assign(new Error('spawn python3 ENOENT'), { code: 'ENOENT' });
    };
    expect(await new CPython({ runner }).status()).toEqual({
      available: false,
      reason: 'No python3 on the PATH: install CPython 3.11 to compare with it.',
    });
  });

  it('is unavailable without asking the machine when disabled', async () => {
    const runner = fakeRunner(() => probeReply('CPython', '3.11.7'));
    const cpython = new CPython({ runner, disabledReason: 'Not on a shared server.' });
    expect(await cpython.status()).toEqual({ available: false, reason: 'Not on a shared server.' });
    expect((await rejection(cpython.run('print(1)'))).name).toBe('Unavailable');
    expect(runner.requests).toEqual([]);
  });
});

describe('CPython interpreter choice', () => {
  it('probes another interpreter after setCommand, and uses it for snippets', async () => {
    const runner = fakeRunner(
      () => probeReply('CPython', '3.11.7'),
      () => ok('1\n'),
    );
    const cpython = new CPython({ runner });
    await cpython.status();
    cpython.setCommand('/opt/py/bin/python3.11');
    expect(cpython.command).toBe('/opt/py/bin/python3.11');
    await cpython.status();
    await cpython.status(); // remembered again
    const probes = runner.requests.filter((request) => request.args[0] === '-c');
    expect(probes.map((request) => request.command)).toEqual(['python3', '/opt/py/bin/python3.11']);
    cpython.setCommand('/opt/py/bin/python3.11'); // the same: nothing to probe again
    await cpython.status();
    expect(runner.requests).toHaveLength(2);
  });

  it('checks any interpreter without remembering it', async () => {
    const runner: ProcessRunner = async (request) => {
      if (request.command === '/nowhere/python')
        throw Object.assign(new Error('spawn ENOENT'), { code: 'ENOENT' });
      if (request.command === '/etc') throw Object.assign(new Error('spawn EACCES'), { code: 'EACCES' });
      return probeReply(
        'CPython',
        request.command.endsWith('3.12') ? '3.12.1' : '3.11.7',
        64,
        request.command,
      );
    };
    const cpython = new CPython({ runner });
    expect(await cpython.check('/nowhere/python')).toEqual({
      available: false,
      reason: '/nowhere/python was not found: choose the path of a CPython 3.11 interpreter.',
    });
    expect(await cpython.check('/etc')).toEqual({
      available: false,
      reason: '/etc cannot be run: it is not an executable file.',
    });
    expect(await cpython.check('/usr/bin/python3.12')).toMatchObject({
      available: false,
      reason: expect.stringContaining('is CPython 3.12.1; the lab reproduces CPython 3.11'),
    });
    expect(await cpython.check('/usr/bin/python3.11')).toEqual({
      available: true,
      version: '3.11.7',
      executable: '/usr/bin/python3.11',
    });
    expect(cpython.command).toBe('python3');
    const disabled = new CPython({ runner, disabledReason: 'Shared.' });
    expect(await disabled.check('/usr/bin/python3.11')).toEqual({ available: false, reason: 'Shared.' });
  });
});

describe('CPython run', () => {
  it('runs the snippet as main.py in a fresh folder with a clean environment and limits', async () => {
    process.env.PYMEM_TEST_SECRET = 'token';
    let seen: { request: ProcessRequest; script: string } | undefined;
    const runner = fakeRunner(
      () => probeReply('CPython', '3.11.7'),
      (request, script) => {
        seen = { request, script };
        return ok('3\n');
      },
    );
    const run = await new CPython({ runner, timeoutMs: 1234, maxOutputBytes: 99 }).run('print(3)');
    delete process.env.PYMEM_TEST_SECRET;

    expect(run).toMatchObject({ stdout: '3\n', stderr: '', exitCode: 0, timedOut: false, version: '3.11.7' });
    const { request, script } = seen!;
    expect(script).toBe('print(3)');
    // The interpreter the probe reported, on main.py, through sh for `ulimit` where there is one.
    expect(request.args.slice(-2)).toEqual(['/opt/py/bin/python3.11', 'main.py']);
    expect(request.timeoutMs).toBe(1234);
    expect(request.maxOutputBytes).toBe(99);
    expect(request.env.HOME).toBe(request.cwd);
    expect(request.env).not.toHaveProperty('PYMEM_TEST_SECRET');
    expect(Object.keys(request.env).filter((name) => name.startsWith('PYTHON'))).toEqual([]);
    expect(existsSync(request.cwd)).toBe(false);
  });

  it("names the script main.py in CPython's tracebacks, as the lab does", async () => {
    const runner = fakeRunner(
      () => probeReply('CPython', '3.11.7'),
      (request) => ({
        ...ok('', `Traceback (most recent call last):\n  File "${join(request.cwd, 'main.py')}", line 1\n`),
        exitCode: 1,
      }),
    );
    const run = await new CPython({ runner }).run('1/0');
    expect(run.stderr).toBe('Traceback (most recent call last):\n  File "main.py", line 1\n');
    expect(run.exitCode).toBe(1);
  });

  it('refuses to run where CPython 3.11 is missing, with the reason', async () => {
    const cpython = new CPython({ runner: fakeRunner(() => probeReply('CPython', '3.10.12')) });
    const error = await rejection(cpython.run('print(1)'));
    expect(error.name).toBe('Unavailable');
    expect(error.message).toContain('3.10.12');
  });

  it('runs at most maxConcurrent snippets at once', async () => {
    let running = 0;
    let most = 0;
    const runner: ProcessRunner = async (request) => {
      if (request.args.at(-1)?.includes('python_implementation')) return probeReply('CPython', '3.11.7');
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 10));
      running--;
      return ok('');
    };
    const cpython = new CPython({ runner, maxConcurrent: 2 });
    await Promise.all(Array.from({ length: 5 }, () => cpython.run('')));
    expect(most).toBe(2);
  });
});

describe('runProcess', () => {
  const node = (script: string, overrides: Partial<ProcessRequest> = {}) =>
    runProcess({
      command: process.execPath,
      args: ['-e', script],
      cwd: process.cwd(),
      env: cleanEnvironment(process.cwd()),
      timeoutMs: 5000,
      maxOutputBytes: 1000,
      ...overrides,
    });

  it('collects both streams and the exit code, with no stdin', async () => {
    const result = await node(
      "process.stdout.write('out'); process.stderr.write(String(require('fs').fstatSync(0).isFIFO())); process.exit(3)",
    );
    expect(result).toEqual({
      stdout: 'out',
      stderr: 'false',
      exitCode: 3,
      timedOut: false,
      truncated: false,
    });
  });

  it('kills a process that runs too long', async () => {
    const result = await node('for (;;);', { timeoutMs: 200 });
    expect(result).toMatchObject({ timedOut: true, exitCode: null });
  });

  it('kills a process that writes too much and keeps the first bytes', async () => {
    const result = await node("for (;;) process.stdout.write('x'.repeat(100))", { maxOutputBytes: 250 });
    expect(result.truncated).toBe(true);
    expect(result.stdout).toBe('x'.repeat(250));
  });

  it('rejects when the command does not exist', async () => {
    await expect(node('', { command: '/nonexistent/python3' })).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
