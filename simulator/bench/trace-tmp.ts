import { SUITE } from '../synth/suite.ts';
import { synthesizeRun } from '../synth/synthesize.ts';
import { paceguardConfig } from './alerters.ts';
import { modelGuard, initialModelGuardState, modelGuardStep } from '../../src/estimate/guard.ts';
import { DEFAULT_ESTIMATE_SETTINGS } from '../../src/estimate/settings.ts';
import { STATE } from '../../src/estimate/state.ts';
import type { GuardInput } from '../../src/samples/sample.ts';

const [id, mode, from, to, ...rest] = process.argv.slice(2);
const s = SUITE.find((r) => r.id === id)!;
const run = synthesizeRun(s.scenario, s.seed);
let inputs: readonly GuardInput[] = run.inputs;
const settings: Record<string, number> = { ...DEFAULT_ESTIMATE_SETTINGS };
for (const a of rest) { const [k, v] = a.split('='); settings[k!] = Number(v); }
let told: number | undefined;
if (mode === 'truth' || mode === 'truth0') {
  let d = 0;
  inputs = run.truth.map((t) => { const v = t.gapSecPerKm === undefined ? t.speedMps : 1000 / t.gapSecPerKm; d += v; return { kind: 'sample' as const, atMs: t.atMs, speedMps: v, distanceM: d, hrBpm: t.hrBpm, cadenceSpm: t.cadenceSpm }; });
  if (mode === 'truth0') { settings['gpsErrorSdMps'] = 0; told = 0; }
}
const config = paceguardConfig(s.scenario.ceilings);
const g0 = modelGuard(config, settings as never);
const guard = told === undefined ? g0 : { ...g0, gpsErrorSdToldMps: told };
console.log('threshold pace', guard.tests.pace?.threshold, 'hr', guard.tests.hr?.threshold);
let st = initialModelGuardState(guard);
const ceil = s.scenario.ceilings.paceCeilingSecPerKm;
for (const input of inputs) {
  st = modelGuardStep(st, input, guard);
  const sec = input.atMs / 1000;
  if (sec < Number(from) || sec > Number(to)) continue;
  const t = run.truth[Math.floor(sec)]!;
  const e = st.estimate, ss = st.speedSensorsEstimate;
  const p = (v: number) => (1000 / v - ceil).toFixed(1);
  const psd = (v: number, sd: number) => ((1000 / v / v) * sd).toFixed(1);
  const ev = st.last?.events.map((x) => x.kind).join(',') ?? '';
  const r = input.kind === 'sample' ? input : undefined;
  console.log(`${sec} truthGap ${t.gapSecPerKm === undefined ? '-' : (t.gapSecPerKm - ceil).toFixed(1)} read ${r?.speedMps === undefined ? '-' : p(r.speedMps)} full ${p(e.gapSpeedMps)}±${psd(e.gapSpeedMps, e.gapSpeedSdMps)} sens ${p(ss.gapSpeedMps)}±${psd(ss.gapSpeedMps, ss.gapSpeedSdMps)} ev ${st.decision.paceEvidence.toFixed(1)} heart ${e.heartBpm.toFixed(1)} trueHr ${t.hrBpm.toFixed(1)} ref ${e.hrAtRefBpm.toFixed(1)} gpsErr ${(st.estimator.belief.mean[STATE.gpsErrorMps]!).toFixed(2)} gpsSd ${st.estimator.lastTransition?.gpsErrorSdMps} noise ${e.speedNoiseMps.toFixed(2)} cadOff ${(st.estimator.belief.mean[STATE.cadenceAtRefSpm]!).toFixed(1)} cad ${r?.cadenceSpm} ${ev}`);
}
