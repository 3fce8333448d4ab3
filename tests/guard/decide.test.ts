import { describe, expect, test } from 'vitest';
import { runGuard } from '../../src/guard/run.ts';
import type { GuardEvent } from '../../src/guard/events.ts';
import type { GuardInput } from '../../src/samples/sample.ts';
import type { GuardTuning } from '../../src/guard/config.ts';
import { pause, resume, START_MS, stretchesToSamples, testConfig, type Stretch } from '../support/runs.ts';

/** Events as "second kind[:detail]" strings: easy to read in a table. */
function timeline(inputs: readonly GuardInput[], config = testConfig({ pace: 360, hr: 140 })): string[] {
  return runGuard(inputs, config).map(describe_);
}
function describe_(e: GuardEvent): string {
  const s = Math.round((e.atMs - START_MS) / 1000);
  switch (e.kind) {
    case 'slow-down':
      return `${s} slow-down:${e.cause}${e.repeat > 0 ? `#${e.repeat}` : ''}`;
    case 'signal-lost':
      return `${s} signal-lost:${e.sensor}:${e.reason}`;
    case 'signal-back':
      return `${s} signal-back:${e.sensor}`;
    default:
      return `${s} ${e.kind}`;
  }
}

const easy = (seconds: number): Stretch => ({ seconds, paceSecPerKm: 390, hrBpm: 128 });
/** Easy running on level ground read off an altimeter, with a steady step rate: the approach to a hill. */
const flat = (seconds: number): Stretch => ({ ...easy(seconds), altitudeStepM: 0, cadenceSpm: 170 });

/** The second of a timeline's first slow-down; undefined when there is none. */
function firstSlowDownIn(events: readonly string[]): number | undefined {
  const first = events.find((e) => e.includes('slow-down'));
  return first === undefined ? undefined : Number(first.split(' ')[0]);
}

describe('the alert state machine', () => {
  test.each<[string, Stretch[], string[]]>([
    ['a run that stays easy says nothing', [easy(1800)], []],
    [
      // The 10 s median turns at the sixth fast reading (605); evidence counts in full once the
      // heart rate's rise (128 → 132) shows in its trend: 14 a second (22 capped, less 8) reaches 60 at 609.
      'a sustained pace overshoot: slow-down once the evidence is in, repeated after 1 then 2 min, back-under after the hold',
      [easy(600), { seconds: 220, paceSecPerKm: 320, hrBpm: 132 }, easy(300)],
      ['609 slow-down:pace', '669 slow-down:pace#1', '789 slow-down:pace#2', '834 back-under'],
    ],
    ['a surge of five seconds is not an overshoot', [easy(600), { seconds: 5, paceSecPerKm: 280, hrBpm: 130 }, easy(300)], []],
    [
      // An 18 bpm step is believed once plausible at 4 bpm/s (602), the median turns at 603, 5 bpm·s a second reaches 30 at 608.
      'heart rate over the ceiling alerts on heart rate',
      [easy(600), { seconds: 120, paceSecPerKm: 390, hrBpm: 146 }, easy(120)],
      ['608 slow-down:hr', '668 slow-down:hr#1', '733 back-under'],
    ],
    [
      // After the minute, warm-up still: heart rate climbs anyway and cannot witness, so evidence counts a third (0.34).
      'no pace alerts in the first minute while GPS settles',
      [{ seconds: 120, paceSecPerKm: 320, hrBpm: 120 }, easy(200)],
      ['72 slow-down:pace', '134 back-under'],
    ],
    [
      'no heart-rate alerts in the first three minutes: heart rate lags and sensors settle',
      [{ seconds: 240, paceSecPerKm: 390, hrBpm: 150 }, easy(200)],
      ['185 slow-down:hr', '253 back-under'],
    ],
    [
      'standing still with a high heart rate says nothing (pace 0, no running cadence)',
      [easy(600), { seconds: 120, paceSecPerKm: 0, hrBpm: 150 }, easy(60)],
      [],
    ],
  ])('%s', (_name, stretches, expected) => {
    expect(timeline(stretchesToSamples(stretches))).toEqual(expected);
  });

  test('a pause ends an overshoot silently and nothing is said while paused', () => {
    const before = stretchesToSamples([easy(600), { seconds: 60, paceSecPerKm: 320, hrBpm: 132 }]);
    const paused = stretchesToSamples([{ seconds: 120, paceSecPerKm: 300, hrBpm: 150 }], START_MS + 661_000);
    const after = stretchesToSamples([easy(120)], START_MS + 781_000);
    expect(timeline([...before, pause(660.5), ...paused, resume(781), ...after])).toEqual(['609 slow-down:pace']);
  });

  test('time-up fires once when the timer reaches the planned duration, pauses excluded', () => {
    const first = stretchesToSamples([easy(600)]);
    const second = stretchesToSamples([easy(600)], START_MS + 900_000);
    const events = timeline([...first, pause(600), resume(900), ...second], testConfig({ pace: 360, plannedMin: 15 }));
    // 600 s before the pause, then 300 s more after the resume at 900 s.
    expect(events).toEqual(['1200 time-up']);
  });

  test.each<[string, Stretch[], string[]]>([
    [
      'downhill faster than the ceiling at easy effort is not over',
      [easy(300), { seconds: 300, paceSecPerKm: 330, hrBpm: 125, altitudeStepM: -0.24 }, easy(60)],
      [],
    ],
    [
      'uphill at the ceiling pace is over by effort',
      [easy(300), { seconds: 300, paceSecPerKm: 375, hrBpm: 135, altitudeStepM: 0.16 }, easy(120)],
      ['slow-down:pace'],
    ],
  ])('hills are judged by effort: %s', (_name, stretches, expectedKinds) => {
    // The flat stretches carry altitude too, so the grade is known throughout.
    const withAltitude = stretches.map((s) => ({ ...s, altitudeStepM: s.altitudeStepM ?? 0 }));
    const kinds = timeline(stretchesToSamples(withAltitude))
      .map((line) => line.split(' ')[1] ?? '')
      .filter((k) => k.startsWith('slow-down') && !k.includes('#'));
    expect(kinds).toEqual(expectedKinds);
  });

  test('a sensor that stops is lost 30 s after its last reading and back at its next', () => {
    const events = timeline(stretchesToSamples([easy(300), { seconds: 90, paceSecPerKm: 390 }, easy(60)]));
    expect(events).toEqual(['329 signal-lost:hr:no-data', '390 signal-back:hr']);
  });

  test('a heart rate stuck on the step rate is reported as cadence lock, and never alerts', () => {
    const events = timeline(
      stretchesToSamples([
        { ...easy(300), cadenceSpm: 168 },
        { seconds: 120, paceSecPerKm: 390, hrBpm: 168, cadenceSpm: 168 },
        { ...easy(60), cadenceSpm: 168 },
      ]),
    );
    expect(events).toEqual(['329 signal-lost:hr:cadence-lock', '420 signal-back:hr']);
  });

  test('a heart beating at the step rate, reached at its own pace, is believed: no signal lost', () => {
    // 128 bpm climbing 1 bpm every 2 s to 168 at a steady 168 steps/min (a hard stretch), held 2 min, then easing.
    const samples = stretchesToSamples([{ ...easy(300), cadenceSpm: 168 }, { ...easy(200), cadenceSpm: 168 }, { ...easy(60), cadenceSpm: 168 }]).map((s, i) =>
      i >= 300 && i < 500 ? { ...s, hrBpm: Math.min(168, 128 + (i - 300) / 2) } : s,
    );
    expect(timeline(samples, testConfig({ pace: 360, hr: 180 })).filter((e) => e.includes('signal'))).toEqual([]);
  });

  test('a sensor is never back in the moment it was lost: the next believed reading says it', () => {
    // A 5 s recording whose heart rate is missing from 305 to 325: the reading at 330 is exactly staleMs after the last.
    const samples = stretchesToSamples([easy(400)])
      .filter((_, i) => i % 5 === 0)
      .map((s, i) => (i * 5 > 300 && i * 5 < 330 ? { kind: s.kind, atMs: s.atMs, ...(s.speedMps !== undefined ? { speedMps: s.speedMps } : {}) } : s));
    expect(timeline(samples)).toEqual(['330 signal-lost:hr:no-data', '335 signal-back:hr']);
  });

  test('a recording gap longer than the stale limit restarts the judgement', () => {
    const before = stretchesToSamples([easy(600), { seconds: 4, paceSecPerKm: 320, hrBpm: 130 }]);
    const after = stretchesToSamples([{ seconds: 3, paceSecPerKm: 320, hrBpm: 130 }, easy(60)], START_MS + 650_000);
    // Four seconds over before the gap and three after are not six seconds of evidence.
    expect(timeline([...before, ...after]).filter((e) => e.includes('slow-down'))).toEqual([]);
  });
});

describe('stop-and-go', () => {
  test('stops in the middle of an overshoot do not turn it into many alerts', () => {
    const stretches: Stretch[] = [easy(600)];
    // Ten minutes of hiking a steep trail too hard: 40 s moving, 20 s stopped, over and over.
    for (let i = 0; i < 10; i++) stretches.push({ seconds: 40, paceSecPerKm: 330, hrBpm: 150 }, { seconds: 20, paceSecPerKm: 0, hrBpm: 150 });
    stretches.push(easy(120));
    const events = timeline(stretchesToSamples(stretches));
    expect(events.filter((e) => /slow-down:\w+$/.test(e))).toHaveLength(1);
    expect(events.filter((e) => e.includes('back-under'))).toHaveLength(1);
  });
});

describe('witnesses for pace', () => {
  test.each<[string, Stretch, number, number]>([
    ['heart rate climbing backs the pace up: alerted within seconds', { seconds: 120, paceSecPerKm: 330, hrBpm: 134 }, 600, 618],
    // 14 a second at a twentieth: 60 takes about 86 s. GPS noise rarely lasts that long; a real overshoot the witnesses miss still gets its alert.
    ['heart rate flat and far under its ceiling: pace alone needs twenty times the evidence', { seconds: 120, paceSecPerKm: 330, hrBpm: 128 }, 680, 700],
  ])('%s', (_name, overshoot, earliestS, latestS) => {
    const events = timeline(stretchesToSamples([easy(600), overshoot, easy(60)]));
    const first = firstSlowDownIn(events);
    expect(first).toBeGreaterThanOrEqual(earliestS);
    expect(first).toBeLessThanOrEqual(latestS);
  });
});

describe('a grade alone puts pace over: only a clear heart-rate climb witnesses it', () => {
  // 6:30 /km up +6 % for 6 min: 4:50 /km by effort, well past the 6:00 ceiling, while the watch's own pace is under it.
  const climb = (hrBpm: number, cadenceSpm: number): Stretch => ({ seconds: 360, paceSecPerKm: 390, hrBpm, altitudeStepM: 0.154, cadenceSpm });
  const firstSlowDownS = (hill: Stretch): number =>
    firstSlowDownIn(timeline(stretchesToSamples([flat(600), hill, flat(120)]))) ?? Number.NaN;

  test('heart rate jumping 12 bpm up the hill witnesses it: alerted within 20 s of the grade showing', () => {
    const atS = firstSlowDownS(climb(140, 170));
    expect(atS).toBeGreaterThanOrEqual(600);
    expect(atS).toBeLessThanOrEqual(640);
  });

  // A GPS altimeter's grade reads a hill for a few hundred metres after it ends: heart rate is what says whether the effort is real.
  test.each<[string, number, number]>([
    ['quicker steps (+6 spm) are a speed-up, not a grade', 129, 176],
    ['a 2 bpm drift is not a clear climb', 130, 170],
  ])('%s: with heart rate not backing the grade, six minutes of it never alert', (_name, hrBpm, cadenceSpm) => {
    expect(firstSlowDownS(climb(hrBpm, cadenceSpm))).toBeNaN();
  });

  test('with no heart rate recorded, the grade alone still alerts on the unwitnessed evidence, over a minute later', () => {
    const withoutHr = ({ hrBpm: _hrBpm, ...rest }: Stretch): Stretch => rest;
    const atS = firstSlowDownIn(timeline(stretchesToSamples([flat(600), climb(140, 170), flat(120)].map(withoutHr)))) ?? Number.NaN;
    expect(atS).toBeLessThanOrEqual(960);
    expect(atS - firstSlowDownS(climb(140, 170))).toBeGreaterThanOrEqual(60);
  });
});

describe('quicker steps while the heart eases are no speed-up', () => {
  // GPS reads 5:30 /km (30 s/km over the 6:00 ceiling) for 60 s with the step rate up 6 spm: on the flat a
  // speed-up; with heart rate easing 1 bpm (too little for the veto on every witness) a descent the grade missed.
  const withCadence = (stretch: Stretch): Stretch => ({ ...stretch, cadenceSpm: stretch.cadenceSpm ?? 170 });
  const slowDownAtS = (hrBpm: number, tuning: Partial<GuardTuning> = {}): number | undefined =>
    firstSlowDownIn(
      timeline(
        stretchesToSamples([easy(600), { seconds: 60, paceSecPerKm: 330, hrBpm, cadenceSpm: 176 }, easy(60)].map(withCadence)),
        testConfig({ pace: 360, hr: 140, tuning }),
      ),
    );

  test('heart rate steady: cadence witnesses the speed-up, alerted within 20 s', () => {
    expect(slowDownAtS(128)).toBeLessThanOrEqual(620);
  });

  test('heart rate easing by 1 bpm: cadence does not witness, and a minute of it says nothing', () => {
    expect(slowDownAtS(127)).toBeUndefined();
  });

  test('with the rule off (cadenceWitnessHrFallNoiseMultiple 100), cadence would have witnessed it', () => {
    expect(slowDownAtS(127, { cadenceWitnessHrFallNoiseMultiple: 100 })).toBeLessThanOrEqual(620);
  });
});

describe("up a grade, the grade's share of the excess needs heart rate", () => {
  // 5:55 /km up +4 % for 4 min: 5 s/km faster than the 6:00 ceiling by the watch (inside the 8 s/km allowance),
  // about 4:45 /km by effort. Quicker steps say the runner sped up, not how hard the hill is.
  const push = (hrBpm: number): Stretch => ({ seconds: 240, paceSecPerKm: 355, hrBpm, altitudeStepM: 0.113, cadenceSpm: 176 });
  const slowDowns = (hrBpm: number, tuning: Partial<GuardTuning> = {}): string[] =>
    timeline(stretchesToSamples([flat(600), push(hrBpm), flat(120)]), testConfig({ pace: 360, hr: 140, tuning })).filter((e) =>
      e.includes('slow-down:pace'),
    );

  test('heart rate flat: judged on the recorded pace, which is inside the allowance: no slow-down', () => {
    expect(slowDowns(128)).toEqual([]);
  });

  test('heart rate climbing 6 bpm backs the effort: slow-down on the grade-adjusted pace within 30 s', () => {
    const first = firstSlowDownIn(slowDowns(134));
    expect(first).toBeGreaterThanOrEqual(600);
    expect(first).toBeLessThanOrEqual(630);
  });

  test('with the rule off (gradeNeedsHrFromPct 30), cadence alone would have backed the grade', () => {
    expect(slowDowns(128, { gradeNeedsHrFromPct: 30 }).length).toBeGreaterThan(0);
  });
});

describe('heart rate climbing back after a stop is no witness', () => {
  // Two minutes stopped (heart rate down to 110), then easy running again while heart rate climbs back to 128
  // over 90 s; 40 s after the restart, GPS reads 5:30 for 12 s (30 s/km over the 6:00 ceiling): noise, not a speed-up.
  const climbBack = (from: number, to: number): Stretch[] =>
    Array.from({ length: to - from }, (_, i) => ({ seconds: 5, paceSecPerKm: 390, hrBpm: 110 + from + i }));
  const run: Stretch[] = [
    easy(600),
    { seconds: 120, paceSecPerKm: 0, hrBpm: 110 },
    ...climbBack(0, 8),
    { seconds: 12, paceSecPerKm: 330, hrBpm: 119 },
    ...climbBack(10, 18),
    easy(120),
  ];
  const slowDowns = (tuning: Partial<GuardTuning>): string[] =>
    timeline(stretchesToSamples(run), testConfig({ pace: 360, hr: 140, tuning })).filter((e) => e.includes('slow-down'));

  test('until heart rate has settled, the bump counts at the warm-up weight: no slow-down', () => {
    expect(slowDowns({})).toEqual([]);
  });

  test('taking any climb as a witness (the rule off) would have alerted on it', () => {
    expect(slowDowns({ hrSettledWithinBpm: 1000, hrSettledForMs: 0 })).toHaveLength(1);
  });
});

describe('heart rate falling vetoes a cadence witness', () => {
  // 10 min easy and settled; the runner eases off (heart rate 128 → 123 over half a minute, as over a crest
  // the grade has not caught yet); then GPS reads 5:30 (30 s/km over the 6:00 ceiling) for 40 s while cadence
  // rises 170 → 176 (a quicker step, as downhill) and heart rate keeps falling to 119.
  const settled = (seconds: number): Stretch => ({ seconds, paceSecPerKm: 390, hrBpm: 128, cadenceSpm: 170 });
  const easing: Stretch[] = [126, 125, 124, 123, 123].map((hrBpm) => ({ seconds: 6, paceSecPerKm: 390, hrBpm, cadenceSpm: 170 }));
  const fast = (hrBpm: number): Stretch => ({ seconds: 8, paceSecPerKm: 330, hrBpm, cadenceSpm: 176 });
  const firstSlowDownS = (before: readonly Stretch[], heart: readonly number[], tuning: Partial<GuardTuning> = {}): number | undefined => {
    const run = [settled(600), ...before, ...heart.map(fast), settled(120)];
    return firstSlowDownIn(timeline(stretchesToSamples(run), testConfig({ pace: 360, hr: 140, tuning })));
  };

  test('heart rate steady: the quicker step witnesses, and the reading is alerted within seconds', () => {
    expect(firstSlowDownS([], [128, 128, 128, 128, 128])).toBeLessThanOrEqual(615);
  });

  test('heart rate falling: no witness counts, and 40 s of such readings are not an overshoot', () => {
    expect(firstSlowDownS(easing, [122, 121, 120, 119, 119])).toBeUndefined();
  });

  test('without the veto, nor the easing heart that outweighs cadence, the step rate alone would have alerted', () => {
    const rulesOff = { paceWitnessHrFallVetoBpm: 1000, cadenceWitnessHrFallNoiseMultiple: 1000 };
    expect(firstSlowDownS(easing, [122, 121, 120, 119, 119], rulesOff)).toBeDefined();
  });
});

describe('alerts back off, then step back (docs/alert-policy.md)', () => {
  // 10 min easy, then 5:20 against a 6:00 ceiling with heart rate up to 132: the first slow-down at 609 s.
  const fast = (seconds: number): Stretch => ({ seconds, paceSecPerKm: 320, hrBpm: 132 });
  test.each<[string, Stretch[], Partial<GuardTuning>, string[]]>([
    [
      'repeats back off: 1 min, then 2, then 4 after the one before (repeatMs 60 s, doubling)',
      [easy(600), fast(260), easy(120)],
      { notRecoveryAfterMs: 3_600_000 },
      ['609 slow-down:pace', '669 slow-down:pace#1', '789 slow-down:pace#2', '874 back-under'],
    ],
    [
      '…and 4 min after that, when not-recovery is off',
      [easy(600), fast(720), easy(120)],
      { notRecoveryAfterMs: 3_600_000 },
      ['609 slow-down:pace', '669 slow-down:pace#1', '789 slow-down:pace#2', '1029 slow-down:pace#3', '1334 back-under'],
    ],
    [
      'the first interval is the setting: repeatMs 30 s repeats after 30, 60, 120 s',
      [easy(600), fast(260), easy(120)],
      { repeatMs: 30_000 },
      ['609 slow-down:pace', '639 slow-down:pace#1', '699 slow-down:pace#2', '819 slow-down:pace#3', '874 back-under'],
    ],
    [
      'not-recovery once, 5 min into the overshoot, then quiet until back under (no repeat at 1029)',
      [easy(600), fast(720), easy(120)],
      {},
      ['609 slow-down:pace', '669 slow-down:pace#1', '789 slow-down:pace#2', '909 not-recovery', '1334 back-under'],
    ],
    [
      'notRecoveryAfterMs is the setting: 10 min',
      [easy(600), fast(720), easy(120)],
      { notRecoveryAfterMs: 600_000 },
      ['609 slow-down:pace', '669 slow-down:pace#1', '789 slow-down:pace#2', '1029 slow-down:pace#3', '1209 not-recovery', '1334 back-under'],
    ],
    [
      'a stop inside the overshoot (3 min standing) does not count: not-recovery after 5 min of moving time over',
      [easy(600), fast(200), { seconds: 180, paceSecPerKm: 0, hrBpm: 132 }, fast(200), easy(120)],
      {},
      ['609 slow-down:pace', '669 slow-down:pace#1', '789 slow-down:pace#2', '1029 slow-down:pace#3', '1090 not-recovery', '1194 back-under'],
    ],
    [
      'back-under resets the back-off: the next overshoot repeats after 1 min again',
      [easy(600), fast(200), easy(120), fast(200), easy(120)],
      {},
      ['609 slow-down:pace', '669 slow-down:pace#1', '789 slow-down:pace#2', '814 back-under', '1010 slow-down:pace', '1070 slow-down:pace#1', '1134 back-under'],
    ],
    [
      'a dip under the ceiling shorter than holdUnderMs is no back-under: the back-off goes on (2 min, not 1)',
      [easy(600), fast(100), { seconds: 5, paceSecPerKm: 380, hrBpm: 132 }, fast(150), easy(120)],
      {},
      ['609 slow-down:pace', '669 slow-down:pace#1', '795 slow-down:pace#2', '869 back-under'],
    ],
    [
      'after not-recovery, a later overshoot gets its first slow-down only: no repeats, no second not-recovery',
      [easy(600), fast(400), easy(120), fast(400), easy(120)],
      {},
      ['609 slow-down:pace', '669 slow-down:pace#1', '789 slow-down:pace#2', '909 not-recovery', '1014 back-under', '1143 slow-down:pace', '1534 back-under'],
    ],
  ])('%s', (_name, stretches, tuning, expected) => {
    expect(timeline(stretchesToSamples(stretches), testConfig({ pace: 360, hr: 140, tuning }))).toEqual(expected);
  });

  test('a pause does not say not-recovery again: it is said once a run', () => {
    const before = stretchesToSamples([easy(600), fast(400)]);
    const after = stretchesToSamples([fast(400), easy(60)], START_MS + 1_060_000);
    const events = timeline([...before, pause(1000.5), resume(1060), ...after]);
    expect(events.filter((e) => e.includes('not-recovery'))).toEqual(['909 not-recovery']);
    expect(events.filter((e) => Number(e.split(' ')[0]) > 1060 && e.includes('#'))).toEqual([]);
  });
});

describe('after a long overshoot, the runner eases off: repeats stop', () => {
  // 10 min easy, then 10 min at 5:20 (40 s/km over the 6:00 ceiling) with heart rate up at 134, then 5:58:
  // under the ceiling, but not clear of it by the 5 s/km hysteresis, so the overshoot is not yet over.
  const hard: Stretch = { seconds: 600, paceSecPerKm: 320, hrBpm: 134 };
  const justUnder: Stretch = { seconds: 300, paceSecPerKm: 358, hrBpm: 134 };
  // not-recovery would end the repeats at 5 min whatever the evidence: off here, to see the evidence's own
  // effect; repeats from 10 s (10, 20, 40… 320 s) so that one falls due at 1239, after the runner eased off.
  const repeatsAfterEasing = (tuning: Partial<GuardTuning> = {}): string[] =>
    timeline(
      stretchesToSamples([easy(600), hard, justUnder]),
      testConfig({ pace: 360, hr: 140, tuning: { notRecoveryAfterMs: 3_600_000, repeatMs: 10_000, ...tuning } }),
    ).filter(
      (e) => e.includes('slow-down') && Number(e.split(' ')[0]) >= 1210,
    );

  test('evidence is bounded, so it drains within seconds and no slow-down follows', () => {
    expect(repeatsAfterEasing()).toEqual([]);
  });

  test('unbounded (evidenceCapShare huge), ten minutes of banked evidence would still repeat after easing off', () => {
    expect(repeatsAfterEasing({ evidenceCapShare: 1000 })).toEqual(['1239 slow-down:pace#6']);
  });
});

describe('a repeat waits while heart rate falls: the runner is easing off', () => {
  // 10 min easy; 6:40 at 5:20 with heart rate 136 (first slow-down at 609, repeats at 669 and 789, the next
  // due at 1029); from 1000 the runner slows to 5:45, still over the ceiling, and heart rate falls a beat
  // every 5 s, 136 → 124, then holds. not-recovery (due at 909) is off here, to see the repeats alone.
  const falling: Stretch[] = Array.from({ length: 13 }, (_, i) => ({ seconds: 5, paceSecPerKm: 345, hrBpm: 136 - i }));
  const run = [easy(600), { seconds: 400, paceSecPerKm: 320, hrBpm: 136 }, ...falling, { seconds: 300, paceSecPerKm: 345, hrBpm: 124 }];
  const slowDowns = (tuning: Partial<GuardTuning> = {}): number[] =>
    timeline(stretchesToSamples(run), testConfig({ pace: 360, hr: 140, tuning: { notRecoveryAfterMs: 3_600_000, ...tuning } }))
      .filter((e) => e.includes('slow-down'))
      .map((e) => Number(e.split(' ')[0]));

  test('the repeat due while heart rate falls comes only once it has levelled off', () => {
    const times = slowDowns();
    expect(times.slice(0, 3)).toEqual([609, 669, 789]);
    expect(times[3]).toBeGreaterThan(1029 + 15);
  });

  test('with no easing-off rule (paceWitnessHrFallVetoBpm huge) the repeat keeps to its interval', () => {
    expect(slowDowns({ paceWitnessHrFallVetoBpm: 1000 }).slice(0, 4)).toEqual([609, 669, 789, 1029]);
  });
});

describe('a witness must stand out from its own wandering', () => {
  // 10 min easy, then 2 min at 5:30 (30 s/km over the 6:00 ceiling) with heart rate up 3 bpm (128 → 131). On a
  // steady strap the rise witnesses at once. An optical sensor that wanders 125–131 every 20 s for six of those
  // minutes (its trend swinging about 1.1 bpm RMS with nothing changing) raises the bar to 1.75 times that:
  // the same rise no longer witnesses, and the overshoot needs the unwitnessed evidence.
  const wandering = (): Stretch[] => [
    easy(180),
    ...Array.from({ length: 19 }, (_, i): Stretch => ({ seconds: 20, paceSecPerKm: 390, hrBpm: i % 2 === 0 ? 131 : 125 })),
    easy(40),
  ];
  const overshoot: Stretch = { seconds: 120, paceSecPerKm: 330, hrBpm: 131 };
  const firstSlowDownS = (before: Stretch[], tuning: Partial<GuardTuning> = {}): number => {
    const events = timeline(stretchesToSamples([...before, overshoot, easy(60)]), testConfig({ pace: 360, hr: 140, tuning }));
    return firstSlowDownIn(events) ?? Number.NaN;
  };

  test('steady heart rate: the rise witnesses, alerted within 20 s', () => {
    const atS = firstSlowDownS([easy(600)]);
    expect(atS).toBeGreaterThanOrEqual(600);
    expect(atS).toBeLessThanOrEqual(620);
  });

  test('wandering heart rate: the same rise is no witness, alerted a minute or more later', () => {
    expect(firstSlowDownS(wandering())).toBeGreaterThanOrEqual(660);
  });

  test('with the bar fixed at 1 bpm (witnessNoiseMultiple 0), the wandering sensor would have witnessed it', () => {
    expect(firstSlowDownS(wandering(), { witnessNoiseMultiple: 0 })).toBeLessThanOrEqual(620);
  });
});

describe('in the warm-up, pace counts less the more the GPS scatters', () => {
  // The heart-rate warm-up held for the whole test (nothing can witness). 2:30 of easy running, the GPS
  // either steady at 6:40 or alternating 5:50 / 7:30 a second (its 10 s median reads 7:30: never over, but
  // readings scatter about 20 % around it); then 4 min at 5:20, 40 s/km over the 6:00 ceiling.
  const steadyGps: Stretch[] = [{ seconds: 150, paceSecPerKm: 400, hrBpm: 120 }];
  const scatteringGps: Stretch[] = Array.from({ length: 150 }, (_, i) => ({ seconds: 1, paceSecPerKm: i % 2 === 0 ? 350 : 450, hrBpm: 120 }));
  const overshoot: Stretch = { seconds: 240, paceSecPerKm: 320, hrBpm: 120 };
  const firstSlowDownS = (before: Stretch[], tuning: Partial<GuardTuning> = {}): number => {
    const config = testConfig({ pace: 360, hr: 140, tuning: { hrWarmupMs: 900_000, ...tuning } });
    return firstSlowDownIn(timeline(stretchesToSamples([...before, overshoot]), config)) ?? Number.NaN;
  };

  test('steady GPS: the warm-up weight (0.34), alerted within 20 s', () => {
    const atS = firstSlowDownS(steadyGps);
    expect(atS).toBeGreaterThanOrEqual(150);
    expect(atS).toBeLessThanOrEqual(170);
  });

  test('scattering GPS: the same overshoot needs more evidence, alerted at least 30 s later', () => {
    expect(firstSlowDownS(scatteringGps) - firstSlowDownS(steadyGps)).toBeGreaterThanOrEqual(30);
  });

  test('nothing scattering is noise (paceNoiseRefShare 1): alerted as on the steady GPS', () => {
    expect(Math.abs(firstSlowDownS(scatteringGps, { paceNoiseRefShare: 1 }) - firstSlowDownS(steadyGps))).toBeLessThanOrEqual(3);
  });
});

describe('settled cadence witnesses while heart rate still climbs from the start', () => {
  // Heart rate climbs 100 → 130 over the first four minutes (unsettled: no heart-rate witness yet). At 2:30 GPS
  // reads 5:45 /km (15 s/km over the 6:00 ceiling) for 45 s with the step rate up 6 spm: a real speed-up.
  const climbing = (fromS: number, seconds: number, pace: number, cadenceSpm: number): Stretch[] =>
    Array.from({ length: seconds / 5 }, (_, i) => ({ seconds: 5, paceSecPerKm: pace, hrBpm: 100 + Math.floor((fromS + 5 * i) / 8), cadenceSpm }));
  const firstSlowDownS = (cadenceBeforeSpm: (second: number) => number, tuning: Partial<GuardTuning> = {}): number =>
    firstSlowDownIn(
      timeline(
        stretchesToSamples([
          ...Array.from({ length: 30 }, (_, i) => climbing(5 * i, 5, 390, cadenceBeforeSpm(5 * i))).flat(),
          ...climbing(150, 45, 345, 176),
          ...climbing(195, 45, 390, 170),
        ]),
        testConfig({ pace: 360, hr: 140, tuning }),
      ),
    ) ?? Number.NaN;
  const steady = (): number => 170;

  test('cadence steady since the start: its rise witnesses, and the alert comes within 20 s', () => {
    expect(firstSlowDownS(steady)).toBeLessThanOrEqual(170);
  });

  test('with the rule off (cadence never settled), the warm-up weight makes it wait at least 10 s longer', () => {
    expect(firstSlowDownS(steady, { cadenceSettledForMs: 600_000 }) - firstSlowDownS(steady)).toBeGreaterThanOrEqual(10);
  });

  test('cadence still climbing as the runner gets going has not settled: no witness, the warm-up weight again', () => {
    const gettingGoing = (second: number): number => 150 + Math.floor(second / 7.5);
    expect(firstSlowDownS(gettingGoing) - firstSlowDownS(steady)).toBeGreaterThanOrEqual(10);
  });
});

describe("a noisy heart-rate sensor's wander is no overshoot", () => {
  // Readings repeat 0, 0, +3, 0, −3 bpm around a steady heart rate: the 5 s median is the heart rate, the readings
  // scatter 1.9 bpm (RMS) around it, as an optical sensor's do. A minute at 3 bpm over the 140 ceiling follows.
  const noisy = (seconds: number, hrBpm: number, scatterBpm: number): Stretch[] =>
    Array.from({ length: seconds }, (_, i) => ({ seconds: 1, paceSecPerKm: 390, hrBpm: hrBpm + [0, 0, scatterBpm, 0, -scatterBpm][i % 5]! }));
  const hrSlowDowns = (scatterBpm: number, tuning: Partial<GuardTuning> = {}): string[] =>
    timeline(
      stretchesToSamples([...noisy(600, 128, scatterBpm), ...noisy(60, 143, scatterBpm), ...noisy(120, 128, scatterBpm)]),
      testConfig({ pace: 360, hr: 140, tuning }),
    ).filter((e) => e.includes('slow-down:hr'));

  test('steady readings (a chest strap): 3 bpm over is alerted', () => {
    expect(hrSlowDowns(0)).toHaveLength(1);
  });

  test('scattered readings: the allowance is 1.5 × 1.9 bpm, and a minute 3 bpm over stays under the evidence', () => {
    expect(hrSlowDowns(3)).toEqual([]);
  });

  test('with the rule off (hrAllowanceScatterMultiple 0), the scattered minute would have alerted too', () => {
    expect(hrSlowDowns(3, { hrAllowanceScatterMultiple: 0 })).toHaveLength(1);
  });
});

describe('heart rate near its ceiling is no witness for pace', () => {
  // Cardiac drift has taken heart rate to 138, 2 bpm under the 140 ceiling, at an easy 6:30 /km; then GPS reads
  // 5:30 /km for 40 s with nothing else changing: noise. Only heart rate at or over its ceiling witnesses.
  const paceSlowDowns = (tuning: Partial<GuardTuning> = {}): string[] =>
    timeline(
      stretchesToSamples([
        { seconds: 600, paceSecPerKm: 390, hrBpm: 138 },
        { seconds: 40, paceSecPerKm: 330, hrBpm: 138 },
        { seconds: 120, paceSecPerKm: 390, hrBpm: 138 },
      ]),
      testConfig({ pace: 360, hr: 140, tuning }),
    ).filter((e) => e.includes('slow-down:pace'));

  test('40 s of it count at the unwitnessed weight: no slow-down', () => {
    expect(paceSlowDowns()).toEqual([]);
  });

  test('within 3 bpm counting as a witness (paceWitnessHrNearBpm 3), the noise would have alerted', () => {
    expect(paceSlowDowns({ paceWitnessHrNearBpm: 3 })).toHaveLength(1);
  });
});
