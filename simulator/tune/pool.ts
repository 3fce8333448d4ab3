/**
 * Scoring files on every core. The worker is the command's own bundle
 * (dist/paceguard.js) started again as a worker thread: `main.ts` asks
 * `isTuneWorker()` first and, in a worker, serves jobs instead of parsing the
 * command line. One file, nothing else to ship or find.
 *
 * ```
 * main thread: read bytes ─► job {id, bytes} ─► worker k: tuneActivity(bytes, plan) ─► {id, outcome}
 * ```
 *
 * With one worker, or when running from TypeScript sources (tests, where the
 * module is a .ts file Node cannot start as a worker), files are scored in
 * the main thread by the same function.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { tuneActivity, type ActivityOutcome, type TunePlan } from '../../src/tune/activity.ts';

const MARK = 'paceguardTuneWorker';

interface TuneWorkerData {
  readonly [MARK]: true;
  readonly plan: TunePlan;
}
interface Job {
  readonly id: number;
  readonly bytes: Uint8Array;
}
interface Done {
  readonly id: number;
  readonly outcome: ActivityOutcome;
}

export function isTuneWorker(): boolean {
  return !isMainThread && typeof workerData === 'object' && workerData !== null && (workerData as Partial<TuneWorkerData>)[MARK] === true;
}

/** The worker's side: score each job it is sent, until the main thread ends it. */
export function serveTuneWorker(): void {
  const { plan } = workerData as TuneWorkerData;
  const port = parentPort;
  if (port === null) throw new Error('serveTuneWorker: not in a worker');
  port.on('message', (job: Job) => {
    const done: Done = { id: job.id, outcome: tuneActivity(job.bytes, plan) };
    port.postMessage(done);
  });
}

export interface Scorer {
  /** Threads actually scoring (1: in the main thread). */
  readonly threads: number;
  score(bytes: Uint8Array): Promise<ActivityOutcome>;
  close(): Promise<void>;
}

/** Whether this module can be started as a worker: only from the bundle (a .js file), not from .ts sources. */
function canStartWorkers(): boolean {
  return !/\.[cm]?ts$/.test(new URL(import.meta.url).pathname);
}

export function openScorer(plan: TunePlan, workers: number): Scorer {
  if (workers <= 1 || !canStartWorkers()) {
    return {
      threads: 1,
      score: async (bytes) => tuneActivity(bytes, plan),
      close: async () => undefined,
    };
  }
  const data: TuneWorkerData = { [MARK]: true, plan };
  const pending = new Map<number, { resolve: (o: ActivityOutcome) => void; reject: (e: unknown) => void }>();
  const idle: Worker[] = [];
  const queue: Job[] = [];
  let nextId = 0;
  let failure: unknown;

  const dispatch = (): void => {
    while (idle.length > 0 && queue.length > 0) {
      const worker = idle.pop() as Worker;
      worker.postMessage(queue.shift() as Job);
    }
  };
  const pool = Array.from({ length: workers }, () => {
    const worker = new Worker(new URL(import.meta.url), { workerData: data });
    worker.on('message', (done: Done) => {
      const entry = pending.get(done.id);
      pending.delete(done.id);
      idle.push(worker);
      entry?.resolve(done.outcome);
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
    score(bytes) {
      if (failure !== undefined) return Promise.reject(failure);
      const id = nextId++;
      return new Promise<ActivityOutcome>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        queue.push({ id, bytes });
        dispatch();
      });
    },
    async close() {
      await Promise.all(pool.map((w) => w.terminate()));
    },
  };
}
