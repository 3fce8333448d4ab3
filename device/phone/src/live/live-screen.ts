import type { GuardEvent } from '../../../../src/guard/events.ts';
import type { GuardStep } from '../../../../src/guard/step.ts';
import { formatPace } from '../../../../src/samples/pace.ts';
import { note } from '../../../../src/report/words.ts';
import type { RunSummary } from '../../../../src/summary/summary.ts';
import { ceilingWords, eventWords, LOCATION_REFUSED, verdictShort, verdictWords } from '../words.ts';
import { summaryFigures } from './after-run.ts';
import { RUN_TOOLS_MISSING, runTools } from '../lazy.ts';
import { formatDuration } from '../../../../src/fit/format.ts';
import { download, parseProfile, saveProfile, savedProfile, type LoadedProfile } from '../profile.ts';
import { DEFAULT_ALERT_OPTIONS, deliver, keepAwake, type AlertOptions } from './alerts.ts';
import { bluetooth, pairSensor, type LinkStatus, type SensorKind, type SensorLink } from './bluetooth.ts';
import { browserClock, type Clock } from './clock.ts';
import type { PaceSource, Reading, Source } from './sampler.ts';
import { startLiveSession, type LiveSession } from './session.ts';
import { phraseFor } from './speech.ts';
import { openStore, type PhoneStore, type SessionRecord, type SessionResult } from './store.ts';

/**
 * The live screen: pair sensors, start, and run with the phone in a pocket.
 * Big numbers (pace, heart rate, time), the ceilings, each sensor's state,
 * the last alert in words, the run's events, and past sessions to export as
 * FIT files. After Stop, the run's figures and verdict, as `paceguard replay`
 * gives them for the exported session (judge.ts); each past session opens
 * in Replay & tune with a tap. Everything it shows is set as text.
 */

const OPTIONS_KEY = 'paceguard-alert-options';

function byId<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (el === null) throw new Error(`the page has no #${id}`);
  return el as T;
}

export interface LiveScreen {
  /** The live tab came to the front: take up a profile saved on the replay screen meanwhile. */
  shown(): void;
}

export interface LiveScreenOptions {
  /** Shows a stored session on the replay screen, judged with the profile it was run with. */
  readonly openInReplay: (file: string, fit: Uint8Array, profileText: string) => void;
  readonly clock?: Clock;
}

export function mountLiveScreen(screenOptions: LiveScreenOptions): LiveScreen {
  const clock = screenOptions.clock ?? browserClock;
  let profile: LoadedProfile = savedProfile();
  const links = new Map<SensorKind, SensorLink>();
  let gpsWatch: number | undefined;
  let gpsOn = false;
  let session: LiveSession | undefined;
  /** The profile the running (or last) session is guarded with, as stored with it. */
  let runProfileText = '';
  let releaseWake: (() => void) | undefined;
  let firstAtMs: number | undefined;
  let storePromise: Promise<PhoneStore> | undefined;
  const store = (): Promise<PhoneStore> => (storePromise ??= openStore());

  const options = (): AlertOptions => ({
    speech: byId<HTMLInputElement>('opt-speech').checked,
    vibrate: byId<HTMLInputElement>('opt-vibrate').checked,
    tone: byId<HTMLInputElement>('opt-tone').checked,
  });
  const savedOptions = ((): AlertOptions => {
    try {
      const raw: unknown = JSON.parse(localStorage.getItem(OPTIONS_KEY) ?? 'null');
      if (typeof raw === 'object' && raw !== null) {
        const r = raw as Record<string, unknown>;
        return { speech: r['speech'] !== false, vibrate: r['vibrate'] === true, tone: r['tone'] === true };
      }
    } catch {
      // A damaged setting falls back to the defaults.
    }
    return DEFAULT_ALERT_OPTIONS;
  })();
  byId<HTMLInputElement>('opt-speech').checked = savedOptions.speech;
  byId<HTMLInputElement>('opt-vibrate').checked = savedOptions.vibrate;
  byId<HTMLInputElement>('opt-tone').checked = savedOptions.tone;
  for (const id of ['opt-speech', 'opt-vibrate', 'opt-tone']) {
    byId(id).addEventListener('change', () => localStorage.setItem(OPTIONS_KEY, JSON.stringify(options())));
  }

  const showProfile = (): void => {
    byId('live-profile').textContent = profile.ok ? ceilingWords(profile.config.ceilings) + planned(profile) : `Your profile cannot be used: ${profile.error}`;
    byId<HTMLButtonElement>('start').disabled = !profile.ok || session !== undefined;
  };
  showProfile();

  byId<HTMLInputElement>('profile-file').addEventListener('change', (event) => {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (file === undefined) return;
    void file.text().then((text) => {
      const parsed = parseProfile(text);
      if (parsed.ok) {
        profile = parsed;
        saveProfile(text);
        showProfile();
      } else {
        byId('live-profile').textContent = `Could not use ${file.name}: ${parsed.error}`;
      }
    });
  });

  const setStatus = (source: Source, status: string, detail: string): void => {
    const el = byId(`status-${source}`);
    el.dataset['status'] = status;
    el.textContent = `${source === 'hr' ? 'Heart rate' : source === 'rsc' ? 'Footpod' : 'GPS'}: ${status}${detail !== '' ? ` (${detail})` : ''}`;
  };
  setStatus('hr', 'off', '');
  setStatus('rsc', 'off', '');
  setStatus('gps', 'off', '');
  if (bluetooth() === undefined) byId('live-note').textContent = 'This browser cannot connect to sensors: use Chrome on Android for a heart-rate strap or footpod. GPS pace still works.';

  const connected = (): Source[] => {
    const out: Source[] = [];
    for (const [kind, link] of links) if (link.status() === 'connected') out.push(kind);
    if (gpsOn) out.push('gps');
    return out;
  };
  const onReading = (reading: Reading): void => {
    if (reading.source === 'hr') byId('live-hr-raw').textContent = String(reading.hrBpm);
    session?.push(reading);
  };

  const pair = (kind: SensorKind): void => {
    links.get(kind)?.stop();
    pairSensor(kind, clock, {
      reading: onReading,
      status: (status: LinkStatus, detail: string) => setStatus(kind, status, detail),
      fault: (reason) => {
        // The decoder's reason stays in the page's data for a bug report; the runner reads what happened.
        byId('live-note').dataset['fault'] = reason;
        byId('live-note').textContent = `${kind === 'hr' ? 'The heart-rate strap' : 'The footpod'} sent a reading that made no sense; it was skipped.`;
      },
    }).then(
      (link) => {
        links.set(kind, link);
      },
      (error: unknown) => setStatus(kind, 'off', pairingTrouble(error)),
    );
  };
  byId('connect-hr').addEventListener('click', () => pair('hr'));
  byId('connect-rsc').addEventListener('click', () => pair('rsc'));

  const startGps = (): void => {
    if (!('geolocation' in navigator)) return setStatus('gps', 'off', 'this browser gives no location');
    setStatus('gps', 'waiting', 'first fix');
    gpsOn = true;
    gpsWatch = navigator.geolocation.watchPosition(
      (position) => {
        const c = position.coords;
        setStatus('gps', 'on', `±${Math.round(c.accuracy)} m`);
        onReading({
          source: 'gps',
          atMs: clock.nowMs(),
          latDeg: c.latitude,
          lonDeg: c.longitude,
          ...(c.altitude !== null ? { altitudeM: c.altitude } : {}),
          ...(c.speed !== null && Number.isFinite(c.speed) ? { speedMps: c.speed } : {}),
        });
      },
      (error) => {
        if (error.code === error.PERMISSION_DENIED) {
          // Refused: no fix will come, so the run goes on without GPS (pace from a footpod, or heart rate only).
          if (gpsWatch !== undefined) navigator.geolocation.clearWatch(gpsWatch);
          gpsWatch = undefined;
          gpsOn = false;
          setStatus('gps', 'off', 'location not allowed');
          byId('live-note').textContent = LOCATION_REFUSED;
          return;
        }
        setStatus('gps', 'waiting', error.code === error.TIMEOUT ? 'no fix yet' : 'no position yet');
      },
      { enableHighAccuracy: true, maximumAge: 0 },
    );
  };

  const onStep = (step: GuardStep): void => {
    const c = step.conditioned;
    firstAtMs ??= c.atMs;
    const gapSecPerKm = c.moving && c.gapSpeedMps !== undefined && c.gapSpeedMps > 0 ? 1000 / c.gapSpeedMps : undefined;
    byId('live-pace').textContent = gapSecPerKm !== undefined ? formatPace(gapSecPerKm) : '--:--';
    byId('live-hr').textContent = c.hrBpm !== undefined ? String(Math.round(c.hrBpm)) : '--';
    // The run's timer, pauses left out, as the summary and the run list count it (not the wall clock since the first reading).
    byId('live-clock').textContent = formatDuration(c.timerMs);
    byId('live-screen').dataset['over'] = step.overshoot ?? '';
  };
  const onEvent = (event: GuardEvent): void => {
    const atSec = (event.atMs - (firstAtMs ?? event.atMs)) / 1000;
    const phrase = phraseFor(event);
    if (phrase !== undefined) {
      byId('live-alert').textContent = phrase;
      deliver(phrase, options());
    }
    const tr = document.createElement('tr');
    tr.dataset['kind'] = event.kind;
    tr.dataset['at'] = String(atSec);
    for (const text of [formatDuration(atSec * 1000), eventWords(event.kind), note(event)]) tr.appendChild(document.createElement('td')).textContent = text;
    byId('live-events').prepend(tr);
  };

  byId('start').addEventListener('click', () => {
    if (!profile.ok || session !== undefined) return;
    const chosen = profile;
    byId<HTMLButtonElement>('start').disabled = true;
    runProfileText = chosen.text;
    clearRun();
    byId('start').textContent = 'Start';
    void store().then(async (s) => {
      session = await startLiveSession({
        config: chosen.config,
        profileText: chosen.text,
        store: s,
        clock,
        paceFrom: byId<HTMLSelectElement>('pace-from').value === 'footpod' ? 'footpod' : ('gps' satisfies PaceSource),
        connected,
        onStep,
        onEvent,
      });
      byId('live-screen').dataset['session'] = String(session.sessionId);
      startGps();
      releaseWake = keepAwake();
      byId<HTMLButtonElement>('pause').disabled = false;
      byId<HTMLButtonElement>('stop').disabled = false;
      byId('live-screen').dataset['state'] = 'running';
    });
  });
  byId('pause').addEventListener('click', () => {
    if (session === undefined) return;
    if (session.paused()) session.resume();
    else session.pause();
    byId('pause').textContent = session.paused() ? 'Resume' : 'Pause';
    byId('live-screen').dataset['state'] = session.paused() ? 'paused' : 'running';
  });
  byId('stop').addEventListener('click', () => {
    const running = session;
    if (running === undefined) return;
    session = undefined;
    if (gpsWatch !== undefined) navigator.geolocation.clearWatch(gpsWatch);
    gpsWatch = undefined;
    gpsOn = false;
    setStatus('gps', 'off', '');
    releaseWake?.();
    byId<HTMLButtonElement>('pause').disabled = true;
    byId<HTMLButtonElement>('stop').disabled = true;
    // The run is over: no live reading or alert stays up as if it were still going (the clock keeps the run's length).
    byId('live-alert').textContent = '';
    byId('live-pace').textContent = '--:--';
    byId('live-hr').textContent = '--';
    byId('live-screen').dataset['over'] = '';
    const usedProfileText = runProfileText;
    void running.stop().then(async () => {
      const s = await store();
      const tools = await runTools().catch(() => undefined);
      // The run is stored either way: the list judges it once the app's files are there.
      const judged = tools !== undefined ? tools.judgeSession(await s.inputs(running.sessionId), usedProfileText) : { ok: false as const, error: `No verdict yet: ${RUN_TOOLS_MISSING}.` };
      if (judged.ok) {
        // The length `paceguard replay` gives for the exported session (and the run list shows), not the last live step's.
        byId('live-clock').textContent = formatDuration(judged.summary.timerMs);
        showAfterRun(judged.summary);
        // The list judges a run again whose result could not be kept: a failed write costs time, not the verdict.
        await s.saveResult(running.sessionId, resultOf(judged.summary)).catch(() => undefined);
      } else {
        showAfterRunError(judged.error);
      }
      byId('start').textContent = 'Start a new run';
      showProfile();
      await listSessions();
      // Stopped once all is on screen: the verdict, and this run in the list.
      byId('live-screen').dataset['state'] = 'stopped';
    });
  });

  /** Back to a neutral screen: no numbers, alert, events or verdict from the run before. */
  const clearRun = (): void => {
    firstAtMs = undefined;
    byId('live-events').replaceChildren();
    byId('live-alert').textContent = '';
    byId('live-pace').textContent = '--:--';
    byId('live-hr').textContent = '--';
    byId('live-clock').textContent = '0:00';
    byId('live-hr-raw').textContent = '--';
    byId('live-screen').dataset['over'] = '';
    const after = byId('after-run');
    after.hidden = true;
    delete after.dataset['verdict'];
    byId('after-verdict').textContent = '';
    byId('after-advice').textContent = '';
    byId('after-figures').replaceChildren();
  };
  const showAfterRun = (summary: RunSummary): void => {
    const after = byId('after-run');
    after.dataset['verdict'] = summary.verdict;
    byId('after-verdict').textContent = verdictWords(summary.verdict);
    byId('after-advice').textContent = summary.advice;
    const figures = byId('after-figures');
    figures.replaceChildren();
    for (const f of summaryFigures(summary)) {
      const dt = document.createElement('dt');
      dt.textContent = f.label;
      const dd = document.createElement('dd');
      dd.dataset['figure'] = f.id;
      dd.textContent = f.value;
      figures.append(dt, dd);
    }
    after.hidden = false;
    // Stop is below the fold on a phone: bring the verdict to the runner.
    after.scrollIntoView({ block: 'start' });
  };
  const showAfterRunError = (error: string): void => {
    const after = byId('after-run');
    after.dataset['verdict'] = 'none';
    byId('after-verdict').textContent = 'No verdict for this run';
    byId('after-advice').textContent = error;
    byId('after-figures').replaceChildren();
    after.hidden = false;
    after.scrollIntoView({ block: 'start' });
  };
  byId('new-run').addEventListener('click', () => {
    if (session !== undefined) return;
    clearRun();
    byId('live-screen').dataset['state'] = 'idle';
    byId('start').textContent = 'Start';
    showProfile();
  });

  const listSessions = async (): Promise<void> => {
    const s = await store();
    const records = (await s.sessions()).reverse();
    const rows: HTMLLIElement[] = [];
    for (const record of records) {
      if (session !== undefined && record.id === session.sessionId) continue;
      const result = record.result ?? (await judgeLater(s, record));
      const li = document.createElement('li');
      li.dataset['sessionId'] = String(record.id);
      li.dataset['verdict'] = result?.verdict ?? 'none';
      li.dataset['startedAtMs'] = String(record.startedAtMs);
      const open = document.createElement('button');
      open.type = 'button';
      open.className = 'session-open';
      open.dataset['sessionId'] = String(record.id);
      const when = document.createElement('span');
      when.className = 'when';
      when.textContent = sessionDate(record.startedAtMs);
      const length = document.createElement('span');
      length.className = 'length';
      length.textContent = result !== undefined ? formatDuration(result.timerMs) : 'no readings';
      const verdict = document.createElement('span');
      verdict.className = 'verdict-word';
      verdict.textContent = result !== undefined ? verdictShort(result.verdict) : '';
      open.append(when, length, verdict);
      open.setAttribute('aria-label', `Open the run of ${when.textContent} in Replay & tune`);
      open.addEventListener('click', () => void openSession(s, record));
      const exportButton = document.createElement('button');
      exportButton.type = 'button';
      exportButton.className = 'session-export';
      exportButton.textContent = 'Export FIT';
      exportButton.dataset['sessionId'] = String(record.id);
      exportButton.addEventListener('click', () => void exportSession(s, record.id, record.startedAtMs));
      li.append(open, exportButton);
      rows.push(li);
    }
    byId('sessions').replaceChildren(...rows);
    byId('sessions-empty').hidden = rows.length > 0;
  };
  /** A session stored before results were kept, or whose tab closed mid-run: judged once, then kept. */
  const judgeLater = async (s: PhoneStore, record: SessionRecord): Promise<SessionResult | undefined> => {
    const tools = await runTools().catch(() => undefined);
    if (tools === undefined) return undefined;
    const judged = tools.judgeSession(await s.inputs(record.id), record.profile);
    if (!judged.ok) return undefined;
    const result = resultOf(judged.summary);
    await s.saveResult(record.id, result).catch(() => undefined);
    return result;
  };
  const openSession = async (s: PhoneStore, record: SessionRecord): Promise<void> => {
    const inputs = await s.inputs(record.id);
    if (!inputs.some((i) => i.kind === 'sample')) {
      byId('live-note').textContent = 'That run has no readings to replay.';
      return;
    }
    const tools = await runTools().catch(() => undefined);
    if (tools === undefined) {
      byId('live-note').textContent = `Could not open that run: ${RUN_TOOLS_MISSING}.`;
      return;
    }
    const { exportedFit } = tools;
    screenOptions.openInReplay(`Run of ${sessionDate(record.startedAtMs)}`, exportedFit(inputs), record.profile);
  };
  void listSessions();
  return {
    shown: () => {
      if (session !== undefined) return;
      profile = savedProfile();
      showProfile();
    },
  };
}

async function exportSession(store: PhoneStore, sessionId: number, startedAtMs: number): Promise<void> {
  const inputs = await store.inputs(sessionId);
  if (!inputs.some((i) => i.kind === 'sample')) {
    byId('live-note').textContent = 'That run has no readings to export.';
    return;
  }
  const tools = await runTools().catch(() => undefined);
  if (tools === undefined) {
    byId('live-note').textContent = `Could not export that run: ${RUN_TOOLS_MISSING}.`;
    return;
  }
  const bytes = tools.exportedFit(inputs);
  const stamp = new Date(startedAtMs).toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  download(`paceguard-${stamp}.fit`, new Uint8Array(bytes), 'application/vnd.ant.fit');
}

function resultOf(summary: RunSummary): SessionResult {
  return { timerMs: summary.timerMs, verdict: summary.verdict };
}

/** A session's start in the phone's own time zone, as a runner reads a date: "Sat 5 Dec, 07:42". */
function sessionDate(startedAtMs: number): string {
  return new Date(startedAtMs).toLocaleString(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}

/** Why pairing failed, in words: the chooser closed without a sensor, or the sensor did not answer. */
function pairingTrouble(error: unknown): string {
  if (error instanceof DOMException && error.name === 'NotFoundError') return 'no sensor chosen';
  if (error instanceof Error && /Web Bluetooth/.test(error.message)) return 'this browser cannot reach sensors';
  return 'could not connect; try again';
}

function planned(profile: LoadedProfile): string {
  return profile.ok && profile.config.plannedMs !== undefined ? ` · ${Math.round(profile.config.plannedMs / 60_000)} min planned` : '';
}
