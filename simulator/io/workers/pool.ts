/**
 * Per-file work on every core, for `tune` (scoring) and `calibrate`
 * (extraction). The worker is the command's own entry (dist/paceguard.js,
 * registered in ./entry.ts) started again as a worker thread: `main.ts` asks
 * `isPoolWorker()` first and, in a worker, serves jobs instead of parsing the
 * command line. Nothing else to ship or find.
 *
 * ```
 * main thread: read bytes ─┬─ job {id, bytes} ─► worker k: task(bytes) ─► {id, result}
 *                           └─ (each worker holding two) task(bytes) itself
 *              task: tune-score (tuneActivity(bytes, plan)) | calibrate-extract (extractActivity(bytes))
 * ```
 *
 * Results come back in any order; callers keep their own order (each job is
 * one promise). N threads are N - 1 workers and the main thread. With one,
 * or when running from TypeScript sources (tests, where the module is a .ts
 * file Node cannot start as a worker), every job runs in the main thread by
 * the same function.
 */
import { workerEntry } from './entry.ts';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { ActivityExtract } from '../../../src/calibrate/extract.ts';
import type { ActivityOutcome, TunePlan } from '../../../src/tune/activity.ts';

const MARK = 'paceguardPoolWorker';

/** What a pool's workers do with each file's bytes. */
export type PoolTask = { readonly kind: 'tune-score'; readonly plan: TunePlan } | { readonly kind: 'calibrate-extract' };

/** The result of one job, by task. */
export type TaskResult<T extends PoolTask> = T extends { kind: 'tune-score' } ? ActivityOutcome : ActivityExtract;

interface PoolWorkerData {
  readonly [MARK]: true;
  readonly task: PoolTask;
}
interface Job {
  readonly id: number;
  readonly bytes: Uint8Array;
}
interface Done {
  readonly id: number;
  readonly result: unknown;
}

/** What the tasks run: imported on the first job, so that a warm run (every file from the cache) loads no decoder and no FIT SDK. */
interface TaskCode {
  readonly tuneActivity: typeof import('../../../src/tune/activity.ts').tuneActivity;
  readonly extractActivity: typeof import('../../../src/calibrate/extract.ts').extractActivity;
}
let taskCode: TaskCode | undefined;
let taskCodeLoading: Promise<TaskCode> | undefined;
function loadTaskCode(): Promise<TaskCode> {
  taskCodeLoading ??= Promise.all([import('../../../src/tune/activity.ts'), import('../../../src/calibrate/extract.ts')]).then(
    ([tune, calibrate]) => (taskCode = { tuneActivity: tune.tuneActivity, extractActivity: calibrate.extractActivity }),
  );
  return taskCodeLoading;
}

/** The one place a task kind becomes work: the same function in a worker and in the main thread. */
function runTask(code: TaskCode, task: PoolTask, bytes: Uint8Array): ActivityOutcome | ActivityExtract {
  switch (task.kind) {
    case 'tune-score':
      return code.tuneActivity(bytes, task.plan);
    case 'calibrate-extract':
      return code.extractActivity(bytes);
  }
}

export function isPoolWorker(): boolean {
  return !isMainThread && typeof workerData === 'object' && workerData !== null && (workerData as Partial<PoolWorkerData>)[MARK] === true;
}

/** The worker's side: run each job it is sent, until the main thread ends it. */
export function servePoolWorker(): void {
  const { task } = workerData as PoolWorkerData;
  const port = parentPort;
  if (port === null) throw new Error('servePoolWorker: not in a worker');
  const code = loadTaskCode();
  // Jobs are answered in the order they came: each waits for the code (loaded once), in turn.
  port.on('message', (job: Job) => {
    void code.then((loaded) => {
      const done: Done = { id: job.id, result: runTask(loaded, task, job.bytes) };
      port.postMessage(done);
    });
  });
}

export interface Pool<R> {
  /** Threads actually working (1: in the main thread). */
  readonly threads: number;
  run(bytes: Uint8Array): Promise<R>;
  close(): Promise<void>;
}

/**
 * Jobs posted to one worker thread and not yet answered, at most: one it works
 * on and one waiting in its port, so that it never waits for the main thread
 * while that scores a file of its own.
 */
const QUEUED_PER_WORKER = 2;

/**
 * `workers` threads of work: the main thread is one of them. It starts
 * `workers - 1` worker threads and, when each of those holds
 * QUEUED_PER_WORKER jobs, runs the job itself (synchronously, before the
 * promise is returned). A thread started is a whole isolate that loads the
 * bundle and warms its own JIT: the main thread, idle between reads, costs
 * neither (tune cold on a year, 2 threads: docs/benchmarks.md, "Tune speed").
 */
export function openPool<T extends PoolTask>(task: T, workers: number): Pool<TaskResult<T>> {
  type R = TaskResult<T>;
  const entry = workerEntry();
  // Once the code is loaded, a job in the main thread runs before the promise is returned.
  const inMain = async (bytes: Uint8Array): Promise<R> => runTask(taskCode ?? (await loadTaskCode()), task, bytes) as R;
  if (workers <= 1 || entry === undefined) return { threads: 1, run: inMain, close: async () => undefined };
  const data: PoolWorkerData = { [MARK]: true, task };
  const pending = new Map<number, { resolve: (r: R) => void; reject: (e: unknown) => void }>();
  let nextId = 0;
  let failure: unknown;

  interface Thread {
    readonly worker: Worker;
    queued: number;
  }
  // Threads start with the first job: a warm calibrate, every file known to
  // the cache, never pays for starting them (each loads the whole bundle).
  let threads: Thread[] | undefined;
  const start = (): Thread[] => Array.from({ length: workers - 1 }, () => {
    const thread: Thread = { worker: new Worker(entry, { workerData: data }), queued: 0 };
    thread.worker.on('message', (done: Done) => {
      const entry = pending.get(done.id);
      pending.delete(done.id);
      thread.queued--;
      // The worker ran runTask(task, …): its result is this task's.
      entry?.resolve(done.result as R);
    });
    // A worker that dies is our bug: fail what it held, and everything after.
    thread.worker.on('error', (error) => {
      failure = error;
      for (const [id, entry] of pending) {
        pending.delete(id);
        entry.reject(error);
      }
    });
    return thread;
  });

  return {
    threads: workers,
    run(bytes) {
      if (failure !== undefined) return Promise.reject(failure);
      threads ??= start();
      let least = threads[0] as Thread;
      for (const thread of threads) if (thread.queued < least.queued) least = thread;
      if (least.queued >= QUEUED_PER_WORKER) return inMain(bytes);
      least.queued++;
      const id = nextId++;
      return new Promise<R>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        const job: Job = { id, bytes };
        least.worker.postMessage(job);
      });
    },
    async close() {
      await Promise.all((threads ?? []).map((t) => t.worker.terminate()));
    },
  };
}

export interface Scorer {
  /** Threads actually scoring (1: in the main thread). */
  readonly threads: number;
  score(bytes: Uint8Array): Promise<ActivityOutcome>;
  close(): Promise<void>;
}

/** `tune`'s view of the pool. */
export function openScorer(plan: TunePlan, workers: number): Scorer {
  const pool = openPool({ kind: 'tune-score', plan }, workers);
  return { threads: pool.threads, score: (bytes) => pool.run(bytes), close: () => pool.close() };
}
