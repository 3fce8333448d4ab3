/**
 * Runs the BUILT watch bundle (dist-style output of device/zepp/tools/build.ts)
 * inside QuickJS (quickjs-emscripten), with the stand-in @zos/* modules of
 * ./zos-standins.ts, on a replayed run at accelerated (virtual) time, and
 * reports what it asked the vibrator for and when, its session log, and the
 * engine's own memory figures.
 */
import { readFile } from 'node:fs/promises';
import { getQuickJS, type QuickJSContext, type QuickJSHandle, type QuickJSRuntime } from 'quickjs-emscripten';
import type { GuardInput } from '../../../src/samples/sample.ts';
import type { AlertKind } from '../../../device/zepp/watch-guard.ts';
import { WATCH_PROFILE_STORAGE_KEY } from '../../../src/watch-format/watch-profile.ts';
import { framesOf, type Frame } from './frames.ts';
import { PRELUDE, STANDIN_MODULES, VIBRATOR_MODES } from './zos-standins.ts';

/** The app's pattern for each alert (device/zepp/app/data-widget.ts), read back from the mode. */
const KIND_OF_MODE: ReadonlyMap<number, AlertKind> = new Map([
  [VIBRATOR_MODES.VIBRATOR_SCENE_STRONG_REMINDER, 'slow-down'],
  [VIBRATOR_MODES.VIBRATOR_SCENE_TIMER, 'not-recovery'],
  [VIBRATOR_MODES.VIBRATOR_SCENE_DURATION_LONG, 'time-up'],
  [VIBRATOR_MODES.VIBRATOR_SCENE_NOTIFICATION, 'signal-lost'],
  [VIBRATOR_MODES.VIBRATOR_SCENE_DURATION, 'tired'],
]);

export interface Vibration {
  readonly kind: AlertKind | 'unknown';
  readonly atMs: number;
}

/** What QuickJS's own accounting says (JS_ComputeMemoryUsage), in bytes and counts. */
export interface EngineMemory {
  /** The runtime's limit as QuickJS reports it (setMemoryLimit). */
  readonly limitBytes: number;
  readonly memoryUsedBytes: number;
  readonly objCount: number;
  readonly stringCount: number;
}

export interface WatchOptions {
  readonly widgetFile: string;
  /** The watch profile's JSON text, put into the stand-in LocalStorage; without it the storage starts empty (the watch's first start) and the build's own profile is used. */
  readonly profileText?: string;
  readonly memoryLimitBytes?: number;
  /** The screen getDeviceInfo reports; a 480 x 480 round one unless given. */
  readonly screen?: { readonly widthPx: number; readonly heightPx: number; readonly shape: 'round' | 'square' };
}

/** A widget the app drew: its text and colour now, and the box and font size it was created with. */
export interface DrawnText {
  readonly text: string;
  readonly color: number;
  readonly box: { readonly x: number; readonly y: number; readonly w: number; readonly h: number; readonly textSize: number } | null;
}

export interface WatchVm {
  /** Starts the widget at `atMs` (the first frame's time). */
  start(atMs: number): void;
  play(frames: readonly Frame[]): void;
  advance(untilMs: number): void;
  destroy(): void;
  vibrations(): Vibration[];
  screen(): DrawnText[];
  memory(): EngineMemory;
  dumpMemory(): string;
  readonly log: () => string;
  dispose(): void;
}

export async function loadWatch(options: WatchOptions): Promise<WatchVm> {
  const QuickJS = await getQuickJS();
  const runtime: QuickJSRuntime = QuickJS.newRuntime();
  if (options.memoryLimitBytes !== undefined) runtime.setMemoryLimit(options.memoryLimitBytes);
  runtime.setMaxStackSize(512 * 1024);
  runtime.setModuleLoader((name) => {
    const source = STANDIN_MODULES[name];
    if (source === undefined) throw new Error(`the watch bundle imports ${name}, which has no stand-in`);
    return source;
  });
  const vm: QuickJSContext = runtime.newContext();
  let log = '';
  const hostLog = vm.newFunction('__hostLog', (text: QuickJSHandle) => {
    log += vm.getString(text);
  });
  vm.setProp(vm.global, '__hostLog', hostLog);
  hostLog.dispose();
  const vibrations: Vibration[] = [];
  const hostVibrate = vm.newFunction('__hostVibrate', (atMs: QuickJSHandle, mode: QuickJSHandle) => {
    vibrations.push({ atMs: vm.getNumber(atMs), kind: KIND_OF_MODE.get(vm.getNumber(mode)) ?? 'unknown' });
  });
  vm.setProp(vm.global, '__hostVibrate', hostVibrate);
  hostVibrate.dispose();

  const run = (code: string, file = 'host.js'): unknown => {
    const result = vm.evalCode(code, file, { type: 'global' });
    const handle = vm.unwrapResult(result);
    const value: unknown = vm.dump(handle);
    handle.dispose();
    return value;
  };
  run(PRELUDE, 'prelude.js');
  if (options.screen !== undefined) {
    const { widthPx, heightPx, shape } = options.screen;
    run(`Object.assign(__zos.device, { width: ${widthPx}, height: ${heightPx}, screenShape: ${shape === 'square' ? 0 : 1} });`);
  }
  if (options.profileText !== undefined) run(`__zos.storage[${JSON.stringify(WATCH_PROFILE_STORAGE_KEY)}] = ${JSON.stringify(options.profileText)};`);
  const bundle = await readFile(options.widgetFile, 'utf8');
  const moduleResult = vm.evalCode(bundle, 'data-widget/common/index.js', { type: 'module' });
  vm.unwrapResult(moduleResult).dispose();
  runtime.executePendingJobs();

  return {
    start(atMs) {
      run(`__zos.start(${atMs})`);
    },
    play(frames) {
      run(`__zos.play(${JSON.stringify(frames)})`);
    },
    advance(untilMs) {
      run(`__zos.advance(${untilMs})`);
    },
    destroy() {
      run('__zos.destroy()');
    },
    vibrations() {
      return [...vibrations];
    },
    screen() {
      return run('__zos.screen') as DrawnText[];
    },
    memory() {
      const handle = runtime.computeMemoryUsage();
      const usage = vm.dump(handle) as Record<string, number>;
      handle.dispose();
      return {
        limitBytes: usage['malloc_limit'] ?? Number.NaN,
        memoryUsedBytes: usage['memory_used_size'] ?? Number.NaN,
        objCount: usage['obj_count'] ?? Number.NaN,
        stringCount: usage['str_count'] ?? Number.NaN,
      };
    },
    dumpMemory() {
      return runtime.dumpMemoryUsage();
    },
    log: () => log,
    dispose() {
      vm.dispose();
      runtime.dispose();
    },
  };
}

export interface WatchRun {
  readonly vibrations: Vibration[];
  readonly log: string;
  readonly samples: number;
  /** Wall time inside QuickJS per sample delivered (sensor stand-ins included). */
  readonly microsPerSample: number;
}

/** Frames are handed to the engine this many at a time (a few minutes of run). */
export const FRAMES_PER_BATCH = 300;

/**
 * The whole run through the watch: started at the first input, every frame
 * delivered at its instant, then one more second so the last tick and any
 * held sample are flushed, then the widget destroyed (the workout ends).
 */
export async function runOnWatch(
  inputs: readonly GuardInput[],
  options: WatchOptions & {
    readonly onBatch?: (vm: WatchVm, uptoMs: number) => void;
    /** Frames per batch, FRAMES_PER_BATCH unless given: fewer when onBatch should look more often. */
    readonly framesPerBatch?: number;
  },
): Promise<WatchRun> {
  const frames = framesOf(inputs);
  const first = frames[0];
  const last = frames.at(-1);
  const watch = await loadWatch(options);
  try {
    if (first === undefined || last === undefined) return { vibrations: [], log: watch.log(), samples: 0, microsPerSample: 0 };
    watch.start(first[0]);
    let spentMs = 0;
    const perBatch = options.framesPerBatch ?? FRAMES_PER_BATCH;
    for (let i = 0; i < frames.length; i += perBatch) {
      const batch = frames.slice(i, i + perBatch);
      const t0 = performance.now();
      watch.play(batch);
      spentMs += performance.now() - t0;
      options.onBatch?.(watch, (batch.at(-1) as Frame)[0]);
    }
    watch.advance(last[0] + 1000);
    watch.destroy();
    const samples = frames.filter((f) => f[1] === 0).length;
    return { vibrations: watch.vibrations(), log: watch.log(), samples, microsPerSample: (spentMs * 1000) / Math.max(1, samples) };
  } finally {
    watch.dispose();
  }
}
