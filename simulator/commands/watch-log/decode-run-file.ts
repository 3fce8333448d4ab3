/**
 * What `paceguard replay` reads: a FIT, GPX or TCX file (told apart by
 * content: src/track/recording.ts), or a watch session log
 * (src/watch-format/session-log.ts: the inputs the watch's guard saw, exactly),
 * recognised by its first line. A log replays to what the watch said, with
 * the profile given to `replay` (`--profile`; the log's own profile line is
 * the watch's copy of it). GPX and TCX load their XML parser only when one
 * is read (a FIT replay never parses it).
 */
import { decoded, type ActivityInfo, type DecodeResult } from '../../../src/fit/activity.ts';
import { inputSeriesOf } from '../../../src/samples/series.ts';
import type { GuardInput } from '../../../src/samples/sample.ts';
import { crowdGate, limitWarnings, runWindow } from '../../../src/fit/limits.ts';
import { decodeFit } from '../../../src/fit/decode-lean.ts';
import { looksLikeXml } from '../../../src/track/looks-like-xml.ts';
import { parseSessionLog, SESSION_LOG_MAGIC } from '../../../src/watch-format/session-log.ts';

export async function decodeRunFile(bytes: Uint8Array): Promise<DecodeResult> {
  const head = new TextDecoder().decode(bytes.subarray(0, SESSION_LOG_MAGIC.length));
  if (head !== SESSION_LOG_MAGIC) {
    // As decodeRecording tells them apart (src/track/recording.ts), without its XML parser for a FIT file.
    if (!looksLikeXml(bytes)) return decodeFit(bytes);
    const { decodeRecording } = await import('../../../src/track/recording.ts');
    return decodeRecording(bytes);
  }
  const log = parseSessionLog(new TextDecoder().decode(bytes));
  if (!log.ok) return { ok: false, error: `watch session log: ${log.error}` };
  if (!log.inputs.some((input) => input.kind === 'sample')) return { ok: false, error: 'watch session log: no samples in it' };
  const warnings = log.faults.map((fault) => `the watch caught an error: ${fault}`);
  // The FIT, GPX and TCX readers' bounds (src/fit/limits.ts): a damaged log must not make work of its times.
  const crowd = crowdGate();
  const uncrowded = log.inputs.filter((input) => input.kind !== 'sample' || crowd.admit(input.atMs));
  const samples = uncrowded.filter((input) => input.kind === 'sample');
  const window = runWindow(samples);
  const fromMs = samples[window.lo]?.atMs ?? 0;
  const toMs = samples[window.hi - 1]?.atMs ?? 0;
  // Pauses and resumes inside the window's time stay with its samples.
  const inputs = window.leftOut === 0 ? uncrowded : uncrowded.filter((input) => input.atMs >= fromMs && input.atMs <= toMs);
  warnings.push(...limitWarnings(crowd, window, 'sample'));
  return decoded(inputSeriesOf(inputs), warnings, infoOf(inputs));
}

function infoOf(inputs: readonly GuardInput[]): ActivityInfo {
  const samples = inputs.filter((input) => input.kind === 'sample');
  const startMs = inputs[0]?.atMs ?? 0;
  const endMs = inputs.at(-1)?.atMs ?? startMs;
  let timerMs = 0;
  let paused = false;
  let lastAtMs = startMs;
  for (const input of inputs) {
    if (!paused) timerMs += input.atMs - lastAtMs;
    lastAtMs = input.atMs;
    if (input.kind === 'pause') paused = true;
    if (input.kind === 'resume') paused = false;
  }
  const has = (key: 'hrBpm' | 'speedMps' | 'distanceM' | 'latDeg' | 'altitudeM' | 'cadenceSpm'): boolean =>
    samples.some((sample) => sample.kind === 'sample' && sample[key] !== undefined);
  return {
    productName: 'paceguard watch session log',
    startMs,
    sessionCount: 0,
    recordCount: samples.length,
    sampleCount: samples.length,
    channels: {
      hr: has('hrBpm'),
      speed: has('speedMps'),
      distance: has('distanceM'),
      position: has('latDeg'),
      altitude: has('altitudeM'),
      cadence: has('cadenceSpm'),
    },
    timerMs,
    elapsedMs: endMs - startMs,
  };
}
