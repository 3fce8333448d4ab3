/**
 * Per-file work on every core, for `tune` (scoring) and `calibrate`
 * (extraction). The worker is the command's own entry (dist/paceguard.js,
 * registered in ./entry.ts) started again as a worker thread: `main.ts` asks
 * `isPoolWorker()` first and, in a worker, serves jobs instead of parsing the
 * command line. Nothing else to ship or find.
 *
 * ```
 * main thread: read bytes ─► job {id, bytes} ─► worker k: task(bytes) ─► {id, result}
 *              task: tune-score (tuneActivity(bytes, plan)) | calibrate-extract (extractActivity(bytes))
 * ```
 *
 * Results come back in any order; callers keep their own order (each job is
 * one promise). With one worker, or when running from TypeScript sources
 * (tests, where the module is a .ts file Node cannot start as a worker),
 * jobs run in the main thread by the same function.
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

/** One task's work on one file's bytes. */
type TaskRun = (bytes: Uint8Array) => ActivityOutcome | ActivityExtract;

/**
 * The one place a task kind becomes work: the same function in a worker and
 * in the main thread. Its code is imported on the first job, so that a warm
 * run (every file from the cache) loads no decoder and no FIT SDK; and only
 * this task's code, so that a calibrate worker does not load tune's scoring
 * (nor a tune worker calibration's extraction).
 */
function loadTask(task: PoolTask): Promise<TaskRun> {
  switch (task.kind) {
    case 'tune-score': {
      const { plan } = task;
      return import('../../../src/tune/activity.ts').then(({ tuneActivity }) => (bytes) => tuneActivity(bytes, plan));
    }
    case 'calibrate-extract':
      return import('../../../src/calibrate/extract.ts').then(({ extractActivity }) => (bytes) => extractActivity(bytes));
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
  const code = loadTask(task);
  // Jobs are answered in the order they came: each waits for the code (loaded once), in turn.
  port.on('message', (job: Job) => {
    void code.then((run) => {
      const done: Done = { id: job.id, result: run(job.bytes) };
      port.postMessage(done);
    });
  });
}

export interface Pool<R> {
  /** Threads actually working (1: in the main thread). */
  readonly threads: number;
  /**
   * The file's bytes are the job's from here on: a worker is sent them by
   * moving their buffer, not copying it, when they fill it (the buffer is
   * then empty here), so the caller must not read them again.
   */
  run(bytes: Uint8Array): Promise<R>;
  close(): Promise<void>;
}

/**
 * The buffer to move with a job instead of copying it: only one the bytes fill
 * whole (a file read is; a view into a larger buffer, such as an unpacked
 * member of an archive, is copied, so that nothing else is emptied).
 */
function movable(bytes: Uint8Array): ArrayBuffer[] {
  const { buffer } = bytes;
  return buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength ? [buffer] : [];
}

export function openPool<T extends PoolTask>(task: T, workers: number): Pool<TaskResult<T>> {
  type R = TaskResult<T>;
  const entry = workerEntry();
  if (workers <= 1 || entry === undefined) {
    let code: Promise<TaskRun> | undefined;
    return {
      threads: 1,
      // loadTask(task) runs this very task: its result is this task's.
      run: async (bytes) => (await (code ??= loadTask(task)))(bytes) as R,
      close: async () => undefined,
    };
  }
  const data: PoolWorkerData = { [MARK]: true, task };
  const pending = new Map<number, { resolve: (r: R) => void; reject: (e: unknown) => void }>();
  const idle: Worker[] = [];
  const queue: Job[] = [];
  let nextId = 0;
  let failure: unknown;

  const dispatch = (): void => {
    while (idle.length > 0 && queue.length > 0) {
      const worker = idle.pop() as Worker;
      const job = queue.shift() as Job;
      worker.postMessage(job, movable(job.bytes));
    }
  };
  // Threads start with the first job: a warm calibrate, every file known to
  // the cache, never pays for starting them (each loads the whole bundle).
  let pool: Worker[] | undefined;
  const start = (): Worker[] => Array.from({ length: workers }, () => {
    const worker = new Worker(entry, { workerData: data });
    worker.on('message', (done: Done) => {
      const entry = pending.get(done.id);
      pending.delete(done.id);
      idle.push(worker);
      // The worker ran loadTask(task)'s work: its result is this task's.
      entry?.resolve(done.result as R);
      dispatch();
    });
    // A worker that dies is our bug: fail what it held, and everything after.
    worker.on('error', (error) => {
      failure = error;
      for (const [id, entry] of pending) {
        pending.delete(id);
        entry.reject(error);
      }
    });
    idle.push(worker);
    return worker;
  });

  return {
    threads: workers,
    run(bytes) {
      if (failure !== undefined) return Promise.reject(failure);
      pool ??= start();
      const id = nextId++;
      return new Promise<R>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        queue.push({ id, bytes });
        dispatch();
      });
    },
    async close() {
      await Promise.all((pool ?? []).map((w) => w.terminate()));
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
