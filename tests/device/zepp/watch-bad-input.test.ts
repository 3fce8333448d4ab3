/**
 * Bad sensor input on the watch, inside the engine: heart rate 0 and 255,
 * GPS jumps, no GPS at all, duplicated, late and out-of-order callbacks,
 * readings that are not numbers. None throws (an exception would surface
 * here from QuickJS, and one caught at the app's boundary is an `x` line in
 * its log), and on an easy run none of them makes the watch vibrate.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { parseSessionLog } from '../../../src/watch-format/session-log.ts';
import type { Frame } from './frames.ts';
import { loadWatch } from './harness.ts';
import { watchBuild, watchProfileText } from './runs.ts';

const START_MS = Date.UTC(2024, 5, 1, 6, 0, 0);
const PROFILE = watchProfileText({ paceCeiling: '6:00', hrCeilingBpm: 140 });
/** 6:30 /km, 30 s/km under the ceiling; 128 bpm, 12 under. */
const EASY_SPEED_MPS = 1000 / 390;
const EASY_HR_BPM = 128;
const RUN_SEC = 20 * 60;
const M_PER_DEG_LAT = 111_195;

type Fault = (sec: number, frame: Frame) => Frame[];

/** An easy run, one frame a second with every channel, each frame passed through `fault`. */
function easyRun(fault: Fault, channels: { gps?: boolean; workout?: boolean } = {}): Frame[] {
  const frames: Frame[] = [];
  for (let sec = 0; sec <= RUN_SEC; sec++) {
    const distanceM = EASY_SPEED_MPS * sec;
    const frame: Frame = [
      START_MS + sec * 1000,
      0,
      EASY_HR_BPM + (sec % 3) - 1,
      channels.workout === false ? null : String(EASY_SPEED_MPS * 3.6),
      channels.workout === false ? null : String(distanceM / 1000),
      channels.workout === false ? null : '170',
      channels.workout === false ? null : '100',
      channels.gps === false ? null : 48 + distanceM / M_PER_DEG_LAT,
      channels.gps === false ? null : 11,
    ];
    frames.push(...fault(sec, frame));
  }
  return frames;
}

const FAULTS: Record<string, { fault: Fault; channels?: { gps?: boolean; workout?: boolean } }> = {
  'heart rate 0 and 255 every 7 s': { fault: (sec, f) => [sec % 7 === 3 ? withHr(f, sec % 2 === 0 ? 0 : 255) : f] },
  'heart rate not a number': { fault: (sec, f) => [sec % 11 === 5 ? withHr(f, Number.NaN) : f] },
  'GPS jumps of 500 m, positions only': {
    fault: (sec, f) => [sec % 45 === 20 ? withPosition(f, (f[7] as number) + 500 / M_PER_DEG_LAT) : f],
    channels: { workout: false },
  },
  'GPS jumps of 500 m with workout speed': { fault: (sec, f) => [sec % 45 === 20 ? withPosition(f, (f[7] as number) + 500 / M_PER_DEG_LAT) : f] },
  'no GPS at all, heart rate only': { fault: (_sec, f) => [f], channels: { gps: false, workout: false } },
  'no GPS, workout data only': { fault: (_sec, f) => [f], channels: { gps: false } },
  'every callback duplicated': { fault: (_sec, f) => [f, [...f]] },
  'late callbacks, 3 s out of order': {
    fault: (sec, f) => (sec % 13 === 6 ? [f, [f[0] - 3000, 0, EASY_HR_BPM, null, null, null, null, null, null]] : [f]),
  },
  'workout data garbage ("--", "", "abc", negative)': {
    fault: (sec, f) => [sec % 9 === 4 ? [f[0], 0, f[2], '--', '', 'abc', '-5', f[7], f[8]] : f],
  },
  'positions off the globe and at (0, 0)': { fault: (sec, f) => [sec % 10 === 2 ? withPosition(f, sec % 20 === 2 ? 123 : 0, 0) : f], channels: { workout: false } },
};

function withHr(f: Frame, hr: number): Frame {
  return [f[0], f[1], hr, f[3], f[4], f[5], f[6], f[7], f[8]];
}
function withPosition(f: Frame, lat: number, lon = f[8]): Frame {
  return [f[0], f[1], f[2], f[3], f[4], f[5], f[6], lat, lon];
}

let widgetFile = '';
beforeAll(async () => {
  widgetFile = (await watchBuild()).widgetFile;
});

describe('bad sensor input: no throw, no spurious vibration', () => {
  test.each(Object.entries(FAULTS))('%s', async (_name, { fault, channels }) => {
    const frames = easyRun(fault, channels ?? {});
    const watch = await loadWatch({ widgetFile, profileText: PROFILE });
    try {
      watch.start(START_MS);
      for (let i = 0; i < frames.length; i += 200) watch.play(frames.slice(i, i + 200));
      watch.advance(START_MS + (RUN_SEC + 1) * 1000);
      watch.destroy();
      expect(watch.vibrations()).toEqual([]);
      const log = parseSessionLog(watch.log());
      if (!log.ok) throw new Error(log.error);
      expect(log.faults).toEqual([]);
      expect(log.inputs.length).toBeGreaterThan(RUN_SEC * 0.9);
      // What the screen shows at the end: a heart rate under its ceiling, never a fault.
      expect(watch.screen().map((line) => line.text).join(' | ')).toMatch(/bpm/);
    } finally {
      watch.dispose();
    }
  });

  test('a sensor that dies mid-run is one signal-lost, staleMs after its last reading', async () => {
    // Heart rate's last reading is at 9:59 while the workout data goes on: lost at 10:29, once.
    const frames = easyRun((sec, f) => [sec >= 600 ? withHr(f, Number.NaN) : f]);
    const watch = await loadWatch({ widgetFile, profileText: PROFILE });
    try {
      watch.start(START_MS);
      for (let i = 0; i < frames.length; i += 200) watch.play(frames.slice(i, i + 200));
      watch.destroy();
      expect(watch.vibrations()).toEqual([{ kind: 'signal-lost', atMs: START_MS + 629_000 }]);
    } finally {
      watch.dispose();
    }
  });

  test('the whole world falls silent: signal-lost on time from the probe, no sample needed', async () => {
    const frames = easyRun((sec, f) => (sec < 300 ? [f] : []));
    const watch = await loadWatch({ widgetFile, profileText: PROFILE });
    try {
      watch.start(START_MS);
      watch.play(frames);
      watch.advance(START_MS + 400_000);
      watch.destroy();
      const kinds = watch.vibrations().map((v) => `${v.kind} @${(v.atMs - START_MS) / 1000}`);
      expect(kinds).toEqual(['signal-lost @329', 'signal-lost @329']);
    } finally {
      watch.dispose();
    }
  });
});
