import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runSource } from '../../core';
import type { ExerciseAnswer } from '../../shared/exercise';
import { createExercisesClient, type ExercisesApi } from '../../shared/exercises-api';
import { unwrapOutcome } from '../../shared/lab-error';
import { ExperimentService } from '../store/experiment-service';
import { useTempDir } from '../store/test-support';
import { AnswerWorkerHost, type AnswerReply, type AnswerRequest } from './answer-worker-host';
import { parseCatalog, readExerciseFiles } from './exercise-catalog';
import { ExerciseService, type AnswerComputer } from './exercise-service';
import { computeExpected } from './expected-answer';

const tempDir = useTempDir();
const catalog = parseCatalog(readExerciseFiles(join(import.meta.dirname, '../../../resources/exercises')));

/** Computes answers in this process, counting how often. */
function inProcessAnswers(): AnswerComputer & { calls: number } {
  const computer = {
    calls: 0,
    compute: async (exercise: Parameters<AnswerComputer['compute']>[0]) => {
      computer.calls++;
      return computeExpected(exercise, runSource);
    },
  };
  return computer;
}

/** The API as a renderer has it, over a transport that carries JSON (as the web shell's does). */
function clientOf(service: ExerciseService): ExercisesApi {
  return createExercisesClient(async (method, args) =>
    unwrapOutcome(await service.call(method, JSON.parse(JSON.stringify(args)))),
  );
}

describe('ExerciseService', () => {
  let path: string;
  let experiments: ExperimentService;
  let answers: ReturnType<typeof inProcessAnswers>;
  let api: ExercisesApi;
  let now = 1000;

  const open = () => {
    experiments = ExperimentService.open(path, { clock: () => now });
    api = clientOf(new ExerciseService(catalog, experiments, answers));
  };

  beforeEach(() => {
    path = join(tempDir(), 'lab.sqlite');
    answers = inProcessAnswers();
    open();
  });
  afterEach(() => experiments.close());

  it('lists the exercises in course order, without progress at first', async () => {
    const list = await api.list();
    expect(list.progressUnavailable).toBeUndefined();
    expect(list.exercises.length).toBe(catalog.exercises.length);
    expect(list.exercises[0]).toEqual({
      id: 'names-are-references',
      number: 1,
      title: 'Two names, one list',
      topic: 'Names are references',
      progress: null,
    });
  });

  it('serves an exercise without its answer until it is solved', async () => {
    const exercise = await api.get('names-are-references');
    expect(exercise).toMatchObject({
      source: 'a = [1, 2, 3]\nb = a\nb.append(4)\nprint(len(a))\n',
      answer: { kind: 'number' },
      hints: [expect.any(String), expect.any(String)],
    });
    expect(exercise.solution).toBeUndefined();
    expect(JSON.stringify(exercise)).not.toContain('stdout');
  });

  it('checks answers, records the attempts, and keeps them across a restart', async () => {
    const wrong = await api.check('names-are-references', { kind: 'number', value: 3 });
    expect(wrong).toEqual({
      correct: false,
      progress: expect.objectContaining({ attempts: 1, solvedAt: null, lastCorrect: false }),
    });
    now = 2000;
    const right = await api.check('names-are-references', { kind: 'number', value: 4 });
    expect(right.correct).toBe(true);
    expect(right.progress).toMatchObject({
      attempts: 2,
      solvedAt: 2000,
      revealed: false,
      lastAnswer: { kind: 'number', value: 4 },
      lastCorrect: true,
    });
    expect(right.solution).toEqual({
      expected: { kind: 'number', value: 4 },
      explanation: expect.stringContaining('**4**'),
      visibleAt: '4',
      visibleStep: 4,
    });
    // A later wrong answer counts, but the exercise stays solved.
    now = 3000;
    await api.check('names-are-references', { kind: 'number', value: 5 });
    expect(answers.calls).toBe(1); // the expected answer is computed once

    experiments.close();
    open();
    const [first] = (await api.list()).exercises;
    expect(first!.progress).toMatchObject({ attempts: 3, solvedAt: 2000, lastCorrect: false });
    expect((await api.get('names-are-references')).solution?.expected).toEqual({ kind: 'number', value: 4 });
  });

  it('reveals the answer to someone who gives up, without solving it', async () => {
    const revealed = await api.reveal('slots');
    expect(revealed).toMatchObject({
      correct: false,
      progress: { attempts: 0, solvedAt: null, revealed: true },
      solution: { expected: { kind: 'choice', value: '56 48' } },
    });
    expect((await api.get('slots')).solution).toBeDefined();
  });

  it('checks the kinds that need snapshots', async () => {
    const freed = await api.check('leak-hunt', { kind: 'freed', lines: [null, 14] });
    expect(freed.correct).toBe(true);
    const collected = await api.check('collector-finds', {
      kind: 'collected',
      found: [true, false, false, false],
    });
    expect(collected).toMatchObject({ correct: false, progress: { attempts: 1 } });
  });

  it('opens an exercise as an experiment, the same one each time until it is trashed', async () => {
    const { experimentId } = await api.open('slots');
    expect(experimentId).not.toBeNull();
    const experiment = experiments.store!.repository.get(experimentId!);
    expect(experiment).toMatchObject({ title: 'Exercise 19: What __slots__ saves' });
    expect(experiment.source).toBe((await api.get('slots')).source);
    expect(await api.open('slots')).toEqual({ experimentId });
    expect((await api.list()).exercises.find((e) => e.id === 'slots')?.progress).toMatchObject({
      attempts: 0,
      experimentId,
    });
    experiments.store!.repository.trash(experimentId!);
    const reopened = await api.open('slots');
    expect(reopened.experimentId).not.toBe(experimentId);
  });

  it('resets one exercise or all of them; the experiments stay', async () => {
    await api.check('slots', { kind: 'choice', value: '56 48' });
    await api.check('names-are-references', { kind: 'number', value: 4 });
    const { experimentId } = await api.open('slots');
    await api.reset('slots');
    expect((await api.get('slots')).progress).toBeNull();
    expect((await api.get('names-are-references')).progress).not.toBeNull();
    expect(experiments.store!.repository.get(experimentId!).deletedAt).toBeNull();
    await api.reset();
    expect((await api.list()).exercises.every((e) => e.progress === null)).toBe(true);
  });

  it('refuses bad requests with what is wrong', async () => {
    await expect(api.get('No Such')).rejects.toMatchObject({
      name: 'InvalidRequest',
      message: expect.stringContaining('must be an exercise id like names-are-references'),
    });
    await expect(api.get('no-such')).rejects.toMatchObject({ name: 'NotFound' });
    const check = (id: string, answer: unknown) => api.check(id, answer as ExerciseAnswer);
    await expect(check('slots', { kind: 'number', value: 56 })).rejects.toMatchObject({
      name: 'InvalidRequest',
      message: 'Invalid answer to exercise slots: it asks for a choice answer, not a number one',
    });
    await expect(check('slots', { kind: 'choice', value: '1 2' })).rejects.toMatchObject({
      message: 'Invalid answer to exercise slots: "1 2" is not one of its options',
    });
    await expect(check('leak-hunt', { kind: 'freed', lines: [1] })).rejects.toMatchObject({
      message: 'Invalid answer to exercise leak-hunt: it asks about 2 objects, not 1',
    });
    await expect(check('leak-hunt', { kind: 'freed', lines: [1, 99] })).rejects.toMatchObject({
      message: "Invalid answer to exercise leak-hunt: line 99 is past the program's last line (15)",
    });
    await expect(check('slots', { kind: 'choice', value: '56 48', extra: 1 })).rejects.toMatchObject({
      name: 'InvalidRequest',
    });
    await expect(check('names-are-references', { kind: 'number', value: Number.NaN })).rejects.toMatchObject({
      name: 'InvalidRequest',
    });
    expect((await api.list()).exercises.every((e) => e.progress === null)).toBe(true);
  });

  it('still checks answers when the store is unavailable, and says progress is not kept', async () => {
    const unavailable = { store: undefined, status: { unavailable: 'the disk is full' } };
    const offline = clientOf(new ExerciseService(catalog, unavailable, answers));
    expect((await offline.list()).progressUnavailable).toBe('the disk is full');
    expect(await offline.check('names-are-references', { kind: 'number', value: 4 })).toMatchObject({
      correct: true,
      progress: null,
    });
    expect(await offline.open('slots')).toEqual({ experimentId: null });
  });

  it('reports an exercise the engine cannot answer as EngineError, and tries again next time', async () => {
    const failing: AnswerComputer = {
      compute: vi
        .fn<AnswerComputer['compute']>()
        .mockRejectedValueOnce(new Error('worker crashed'))
        .mockImplementation(async (e) => computeExpected(e, runSource)),
    };
    const service = clientOf(new ExerciseService(catalog, experiments, failing));
    await expect(service.check('names-are-references', { kind: 'number', value: 4 })).rejects.toMatchObject({
      name: 'EngineError',
      message: 'Exercise names-are-references cannot be checked: worker crashed',
    });
    expect((await service.check('names-are-references', { kind: 'number', value: 4 })).correct).toBe(true);
  });
});

describe('AnswerWorkerHost', () => {
  /** A worker stand-in: answers each request with `reply`, or dies. */
  class FakeWorker extends EventEmitter {
    requests: AnswerRequest[] = [];
    constructor(private readonly reply: (request: AnswerRequest) => AnswerReply | 'die') {
      super();
    }
    unref() {}
    async terminate() {
      return 0;
    }
    postMessage(request: AnswerRequest) {
      this.requests.push(request);
      const reply = this.reply(request);
      queueMicrotask(() => (reply === 'die' ? this.emit('exit', 1) : this.emit('message', reply)));
    }
  }

  const exercise = catalog.exercises[0]!;

  it('sends the program and the answer spec, and resolves with the reply', async () => {
    const workers: FakeWorker[] = [];
    const host = new AnswerWorkerHost(() => {
      const worker = new FakeWorker(({ seq }) => ({
        seq,
        ok: true,
        expected: { answer: { kind: 'number', value: 4 }, visibleStep: 4 },
      }));
      workers.push(worker);
      return worker as unknown as Worker;
    });
    expect(await host.compute(exercise)).toEqual({ answer: { kind: 'number', value: 4 }, visibleStep: 4 });
    await host.compute(exercise);
    expect(workers).toHaveLength(1);
    expect(workers[0]!.requests[0]!.exercise).toEqual({
      source: exercise.source,
      answer: exercise.answer,
      visibleAt: exercise.visibleAt,
    });
  });

  it('fails what a dying worker was computing, and starts a new worker for the next request', async () => {
    let dies = true;
    let spawned = 0;
    const host = new AnswerWorkerHost(() => {
      spawned++;
      return new FakeWorker(({ seq }) =>
        dies ? 'die' : { seq, ok: false, message: 'line 9 does not run 1 time(s)' },
      ) as unknown as Worker;
    });
    await expect(host.compute(exercise)).rejects.toThrow('the answer worker exited with code 1');
    dies = false;
    await expect(host.compute(exercise)).rejects.toThrow('line 9 does not run 1 time(s)');
    expect(spawned).toBe(2);
  });
});
