import { configFromProfile, type Profile } from '../../../../src/profile/profile.ts';
import { DEFAULT_TUNING, type GuardTuning } from '../../../../src/guard/config.ts';
import { secondsToOvershoot } from '../../../../src/guard/decide.ts';
import { formatPace } from '../../../../src/samples/pace.ts';
import { formatDuration } from '../../../../src/fit/format.ts';
import { download, parseProfile, profileText, saveProfile, savedProfile } from '../profile.ts';
import type { RunCharts } from './charts.ts';
import { RUN_TOOLS_MISSING, runTools, type RunTools } from '../lazy.ts';
import { recompute, type RunToTune } from './recompute.ts';
import { verdictWords } from '../words.ts';

/**
 * Replay and tune: a recorded run (a dropped FIT, GPX or TCX file, gzipped
 * or in a Garmin zip as exported, or one of the examples
 * shipped with the page), drawn like the report, with sliders for the
 * ceilings and the alert rules. Every move recomputes every alert over the
 * whole run at once; the setting can be saved as a profile file (the JSON
 * `paceguard replay --profile` reads) or kept for live runs.
 */

interface Slider {
  readonly id: string;
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly step: number;
  /** The slider's value from a profile, and the profile with the slider's value. */
  readonly read: (p: Profile, derived: { paceCeilingSecPerKm?: number; hrCeilingBpm?: number }) => number;
  readonly write: (p: Profile, value: number) => Profile;
  /** The value in a runner's words; the tuning is the rest of the current setting (what the evidence sliders are read against). */
  readonly show: (value: number, tuning: GuardTuning) => string;
}

/** The overshoots the evidence sliders are described by: a runner's "a bit too fast", "a bit too high". */
const PACE_EXAMPLE_OVER_SEC_PER_KM = 10;
const HR_EXAMPLE_OVER_BPM = 5;

/** "about 30 s", or "never" when that overshoot is within the allowance (the evidence never grows). */
function aboutSeconds(seconds: number): string {
  return Number.isFinite(seconds) ? `about ${Math.round(seconds)} s` : 'never';
}

const tuning = (p: Profile, patch: NonNullable<Profile['tuning']>): Profile => ({ ...p, tuning: { ...p.tuning, ...patch } });

/** The settings a runner tunes by eye. Slider values are whole units so the saved profile reads cleanly. */
const SLIDERS: readonly Slider[] = [
  {
    id: 'pace-ceiling',
    label: 'Pace ceiling',
    min: 240,
    max: 540,
    step: 5,
    read: (_p, d) => d.paceCeilingSecPerKm ?? 360,
    write: (p, v) => {
      const { easyPace: _easy, recoveryMarginSecPerKm: _margin, ...rest } = p;
      return { ...rest, paceCeiling: v };
    },
    show: (v) => `${formatPace(v)} /km`,
  },
  {
    id: 'hr-ceiling',
    label: 'Heart-rate ceiling',
    min: 100,
    max: 190,
    step: 1,
    read: (_p, d) => d.hrCeilingBpm ?? 140,
    write: (p, v) => {
      const { maxHrBpm: _max, restHrBpm: _rest, ...rest } = p;
      return { ...rest, hrCeilingBpm: v };
    },
    show: (v) => `${v} bpm`,
  },
  {
    id: 'max-duration',
    label: 'Planned duration',
    min: 0,
    max: 180,
    step: 5,
    read: (p) => p.maxDurationMin ?? 0,
    write: (p, v) => {
      const { maxDurationMin: _d, ...rest } = p;
      return v > 0 ? { ...rest, maxDurationMin: v } : rest;
    },
    show: (v) => (v > 0 ? `${v} min` : 'off'),
  },
  {
    id: 'repeat',
    label: 'Repeat "slow down" while still over, every',
    min: 30,
    max: 300,
    step: 10,
    read: (p) => (p.tuning?.repeatMs ?? DEFAULT_TUNING.repeatMs) / 1000,
    write: (p, v) => tuning(p, { repeatMs: v * 1000 }),
    show: (v) => `${v} s`,
  },
  {
    id: 'pace-evidence',
    label: 'How sure before a pace alert',
    min: 10,
    max: 300,
    step: 10,
    read: (p) => p.tuning?.paceEvidenceSecPerKmS ?? DEFAULT_TUNING.paceEvidenceSecPerKmS,
    write: (p, v) => tuning(p, { paceEvidenceSecPerKmS: v }),
    show: (v, t) =>
      `${aboutSeconds(secondsToOvershoot(v, PACE_EXAMPLE_OVER_SEC_PER_KM, t.paceAllowanceSecPerKm, t.paceExcessCapSecPerKm))} at ${PACE_EXAMPLE_OVER_SEC_PER_KM} s/km over`,
  },
  {
    id: 'hr-evidence',
    label: 'How sure before a heart-rate alert',
    min: 5,
    max: 200,
    step: 5,
    read: (p) => p.tuning?.hrEvidenceBpmS ?? DEFAULT_TUNING.hrEvidenceBpmS,
    write: (p, v) => tuning(p, { hrEvidenceBpmS: v }),
    show: (v, t) => `${aboutSeconds(secondsToOvershoot(v, HR_EXAMPLE_OVER_BPM, t.hrAllowanceBpm, t.hrExcessCapBpm))} at ${HR_EXAMPLE_OVER_BPM} bpm over`,
  },
  {
    id: 'pace-warmup',
    label: 'No pace alerts for the first',
    min: 0,
    max: 600,
    step: 30,
    read: (p) => (p.tuning?.paceWarmupMs ?? DEFAULT_TUNING.paceWarmupMs) / 1000,
    write: (p, v) => tuning(p, { paceWarmupMs: v * 1000 }),
    show: (v) => formatDuration(v * 1000),
  },
];

function byId<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (el === null) throw new Error(`the page has no #${id}`);
  return el as T;
}

export interface ReplayScreen {
  /** Opens a run from a file's bytes (FIT, GPX or TCX, plain, gzipped or zipped); the error in words when it cannot. */
  open(file: string, bytes: Uint8Array): Promise<string | undefined>;
  /** Opens a session stored on the phone, with the profile it was run with (so the verdict is the list's). */
  openSession(file: string, fit: Uint8Array, profileText: string): Promise<string | undefined>;
}

export function mountReplayScreen(): ReplayScreen {
  let profile: Profile = (() => {
    const saved = savedProfile();
    return saved.ok ? saved.profile : {};
  })();
  let run: RunToTune | undefined;
  let charts: RunCharts | undefined;
  /** The heavy half (decoding, charts), there from the first file opened on: `run` is never set before it. */
  let tools: RunTools | undefined;
  /** Counts files asked for: a file whose decoding was overtaken by a later one is dropped. */
  let opening = 0;
  const sliders = byId('sliders');
  const inputs = new Map<string, HTMLInputElement>();

  for (const s of SLIDERS) {
    const label = document.createElement('label');
    label.className = 'slider';
    const name = document.createElement('span');
    name.textContent = s.label;
    const value = document.createElement('output');
    value.id = `${s.id}-value`;
    const input = document.createElement('input');
    input.type = 'range';
    input.id = s.id;
    input.min = String(s.min);
    input.max = String(s.max);
    input.step = String(s.step);
    input.addEventListener('input', () => {
      profile = s.write(profile, Number(input.value));
      syncSliders();
      update();
    });
    label.append(name, value, input);
    sliders.appendChild(label);
    inputs.set(s.id, input);
  }

  const syncSliders = (): void => {
    const parsed = parseProfile(JSON.stringify(profileJson(profile)));
    const ceilings = parsed.ok ? parsed.config.ceilings : {};
    const built = configFromProfile(profile);
    const tuned = built.ok ? built.config.tuning : DEFAULT_TUNING;
    for (const s of SLIDERS) {
      const input = inputs.get(s.id);
      if (input === undefined) continue;
      const v = s.read(profile, ceilings);
      input.value = String(v);
      byId(`${s.id}-value`).textContent = s.show(v, tuned);
    }
  };
  syncSliders();

  const update = (): void => {
    if (run === undefined || tools === undefined) return;
    const { drawRunCharts } = tools;
    const parsed = parseProfile(JSON.stringify(profileJson(profile)));
    if (!parsed.ok) {
      byId('replay-status').textContent = `This setting cannot be used: ${parsed.error}`;
      return;
    }
    const t0 = performance.now();
    const result = recompute(run, parsed.config);
    const computedMs = performance.now() - t0;
    if (charts === undefined) charts = drawRunCharts(byId('replay-charts'), result.report);
    else charts.update(result.report);
    const drawnMs = performance.now() - t0;
    const screen = byId('replay-screen');
    screen.dataset['computeMs'] = computedMs.toFixed(2);
    screen.dataset['drawMs'] = drawnMs.toFixed(2);
    screen.dataset['events'] = String(result.events.length);

    byId('replay-status').textContent =
      `${run.file}: ${formatDuration(result.report.durationSec * 1000)} · ${result.report.alertsText}`;
    delete byId('replay-status').dataset['error'];
    byId('replay-verdict').dataset['verdict'] = result.summary.verdict;
    byId('replay-verdict').textContent = `${verdictWords(result.summary.verdict)}. ${result.summary.advice}`;
    const tbody = byId('replay-events');
    tbody.replaceChildren();
    // The report's table: one row per alert, its repeats folded in (src/report/fold.ts).
    byId('replay-zone').textContent = result.report.timeZone;
    for (const r of result.report.rows) {
      const tr = document.createElement('tr');
      tr.dataset['kind'] = r.kind;
      tr.dataset['at'] = String(r.atSec);
      tr.dataset['count'] = String(r.count);
      for (const text of [r.runClock, r.localClock, r.label, r.note]) tr.appendChild(document.createElement('td')).textContent = text;
      tbody.appendChild(tr);
    }
  };

  /**
   * Nothing open: the previous run's verdict, alerts and charts go with it, so
   * what is on screen never belongs to a file other than the one named.
   */
  const clear = (): void => {
    run = undefined;
    charts?.destroy();
    charts = undefined;
    byId('replay-charts').hidden = true;
    byId('replay-events').replaceChildren();
    delete byId('replay-verdict').dataset['verdict'];
    byId('replay-verdict').textContent = '';
    delete byId('replay-screen').dataset['file'];
    delete byId('replay-screen').dataset['events'];
  };
  /** A file that could not be opened: one line naming it and what was wrong, and nothing of the run before. */
  const refuse = (file: string, error: string): string => {
    clear();
    byId<HTMLSelectElement>('example').value = '';
    byId('replay-status').dataset['error'] = 'true';
    byId('replay-status').textContent = `Could not open ${file}: ${error}`;
    return error;
  };
  /** `example`: the example picker's name for this run, when it came from the picker (anything else resets it). */
  const open = async (file: string, bytes: Uint8Array, example?: string): Promise<string | undefined> => {
    const asked = ++opening;
    const loaded = await runTools().catch(() => undefined);
    if (asked !== opening) return undefined;
    if (loaded === undefined) return refuse(file, RUN_TOOLS_MISSING);
    tools = loaded;
    const { unpack, decodeRecording } = tools;
    const unpacked = unpack(bytes);
    if (!unpacked.ok) return refuse(file, unpacked.error);
    const decoded = decodeRecording(unpacked.bytes);
    if (!decoded.ok) return refuse(file, decoded.error);
    clear();
    run = { file, inputs: decoded.inputs, info: decoded.info, warnings: decoded.warnings };
    byId<HTMLSelectElement>('example').value = example ?? '';
    byId('replay-charts').hidden = false;
    byId('replay-screen').dataset['file'] = file;
    update();
    return undefined;
  };
  const openSession = (file: string, fit: Uint8Array, profileText: string): Promise<string | undefined> => {
    const parsed = parseProfile(profileText);
    if (parsed.ok) {
      profile = parsed.profile;
      syncSliders();
    }
    return open(file, fit);
  };

  byId<HTMLInputElement>('fit-file').addEventListener('change', (event) => {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (file !== undefined) void file.arrayBuffer().then((buffer) => open(file.name, new Uint8Array(buffer)));
  });
  const drop = byId('drop-zone');
  drop.addEventListener('dragover', (event) => {
    event.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (event) => {
    event.preventDefault();
    drop.classList.remove('over');
    const file = event.dataTransfer?.files[0];
    if (file !== undefined) void file.arrayBuffer().then((buffer) => open(file.name, new Uint8Array(buffer)));
  });
  byId<HTMLSelectElement>('example').addEventListener('change', (event) => {
    const name = (event.target as HTMLSelectElement).value;
    if (name === '') return;
    void fetch(`examples/${name}`)
      .then((response) => (response.ok ? response.arrayBuffer() : Promise.reject(new Error(String(response.status)))))
      .then(
        (buffer) => open(name, new Uint8Array(buffer), name),
        () => refuse(name, 'this example is not on the phone; reload the page once online'),
      );
  });
  byId<HTMLInputElement>('replay-profile-file').addEventListener('change', (event) => {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (file === undefined) return;
    void file.text().then((text) => {
      const parsed = parseProfile(text);
      if (!parsed.ok) {
        byId('replay-status').textContent = `Could not use ${file.name}: ${parsed.error}`;
        return;
      }
      profile = parsed.profile;
      syncSliders();
      update();
    });
  });
  byId('save-profile').addEventListener('click', () => download('profile.json', profileText(profile), 'application/json'));
  byId('use-profile').addEventListener('click', () => {
    saveProfile(profileText(profile));
    byId('replay-status').textContent = 'Saved for live runs.';
  });

  return { open: (file, bytes) => open(file, bytes), openSession };
}

/** The profile as JSON data (the file's form), for the schema to check again. */
function profileJson(profile: Profile): unknown {
  return JSON.parse(profileText(profile));
}
