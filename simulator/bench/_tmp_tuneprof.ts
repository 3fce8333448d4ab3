import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeRecording } from '../../src/track/recording.ts';
import { scoreRunAll } from '../../src/tune/score.ts';
import { configFromProfile, Profile } from '../../src/profile/profile.ts';
import { candidateConfig, tuneGrid } from '../../src/tune/grid.ts';
import type { GuardInput } from '../../src/samples/sample.ts';
import { INITIAL_SIGNAL_STATE, stepSignals } from '../../src/signal/condition.ts';
import { DEFAULT_TUNING } from '../../src/guard/config.ts';

const dir = '/tmp/tune2w/year';
const files: Uint8Array[] = [];
for (const sub of readdirSync(dir).sort().slice(0, 5)) for (const f of readdirSync(path.join(dir, sub)).sort()) files.push(new Uint8Array(readFileSync(path.join(dir, sub, f))));
const profile = Profile.parse(JSON.parse(readFileSync('/tmp/tune2w/profile.json', 'utf8')));
const base = configFromProfile(profile);
if (!base.ok) throw new Error(base.error);
const candidates = tuneGrid(profile).map((c) => candidateConfig(profile, c));
const cpu = (f: () => void): number => { const t = process.cpuUsage(); f(); const d = process.cpuUsage(t); return (d.user + d.system) / 1e6; };
for (let round = 0; round < 3; round++) {
  const runs: GuardInput[][] = [];
  const decodeS = cpu(() => { for (const b of files) { const d = decodeRecording(b); if (d.ok) runs.push(d.inputs); } });
  const sigS = cpu(() => { for (const r of runs) { let s = INITIAL_SIGNAL_STATE; for (const x of r) s = stepSignals(s, x, DEFAULT_TUNING); } });
  const one = cpu(() => { for (const r of runs) scoreRunAll(r, base.config, candidates.slice(0, 1)); });
  const all = cpu(() => { for (const r of runs) scoreRunAll(r, base.config, candidates); });
  console.log(`decode ${decodeS.toFixed(2)} signals ${sigS.toFixed(2)} score1 ${one.toFixed(2)} score36 ${all.toFixed(2)}`);
}
