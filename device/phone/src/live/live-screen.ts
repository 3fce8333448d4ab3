import { encodeActivity } from '../../../../src/fit/encode.ts';
import type { GuardEvent } from '../../../../src/guard/events.ts';
import type { GuardStep } from '../../../../src/guard/step.ts';
import { formatPace } from '../../../../src/samples/pace.ts';
import { ceilingLine, note } from '../../../../src/report/words.ts';
import { formatDuration } from '../../../../src/fit/format.ts';
import { download, parseProfile, saveProfile, savedProfile, type LoadedProfile } from '../profile.ts';
import { DEFAULT_ALERT_OPTIONS, deliver, keepAwake, type AlertOptions } from './alerts.ts';
import { bluetooth, pairSensor, type LinkStatus, type SensorKind, type SensorLink } from './bluetooth.ts';
import { browserClock, type Clock } from './clock.ts';
import type { PaceSource, Reading, Source } from './sampler.ts';
import { startLiveSession, type LiveSession } from './session.ts';
import { phraseFor } from './speech.ts';
import { openStore, type SessionStore } from './store.ts';

/**
 * The live screen: pair sensors, start, and run with the phone in a pocket.
 * Big numbers (pace, heart rate, time), the ceilings, each sensor's state,
 * the last alert in words, the run's events, and past sessions to export as
 * FIT files. Everything it shows is set as text.
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

export function mountLiveScreen(clock: Clock = browserClock): LiveScreen {
  let profile: LoadedProfile = savedProfile();
  const links = new Map<SensorKind, SensorLink>();
  let gpsWatch: number | undefined;
  let gpsOn = false;
  let session: LiveSession | undefined;
  let releaseWake: (() => void) | undefined;
  let firstAtMs: number | undefined;
  let storePromise: Promise<SessionStore> | undefined;
  const store = (): Promise<SessionStore> => (storePromise ??= openStore());

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
    byId('live-profile').textContent = profile.ok ? ceilingLine(profile.config.ceilings) + planned(profile) : `Profile: ${profile.error}`;
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
        byId('live-profile').textContent = `${file.name}: ${parsed.error}`;
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
  if (bluetooth() === undefined) byId('live-note').textContent = 'This browser has no Web Bluetooth: use Chrome on Android for sensors. GPS pace still works.';

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
        byId('live-note').textContent = `Ignored a damaged notification: ${reason}`;
      },
    }).then(
      (link) => {
        links.set(kind, link);
      },
      (error: unknown) => setStatus(kind, 'off', error instanceof Error ? error.message : String(error)),
    );
  };
  byId('connect-hr').addEventListener('click', () => pair('hr'));
  byId('connect-rsc').addEventListener('click', () => pair('rsc'));

  const startGps = (): void => {
    if (!('geolocation' in navigator)) return setStatus('gps', 'off', 'no geolocation');
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
      (error) => setStatus('gps', 'waiting', error.message),
      { enableHighAccuracy: true, maximumAge: 0 },
    );
  };

  const onStep = (step: GuardStep): void => {
    const c = step.conditioned;
    firstAtMs ??= c.atMs;
    const gapSecPerKm = c.moving && c.gapSpeedMps !== undefined && c.gapSpeedMps > 0 ? 1000 / c.gapSpeedMps : undefined;
    byId('live-pace').textContent = gapSecPerKm !== undefined ? formatPace(gapSecPerKm) : '--:--';
    byId('live-hr').textContent = c.hrBpm !== undefined ? String(Math.round(c.hrBpm)) : '--';
    byId('live-clock').textContent = formatDuration(c.atMs - firstAtMs);
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
    for (const text of [formatDuration(atSec * 1000), event.kind, note(event)]) tr.appendChild(document.createElement('td')).textContent = text;
    byId('live-events').prepend(tr);
  };

  byId('start').addEventListener('click', () => {
    if (!profile.ok || session !== undefined) return;
    const chosen = profile;
    byId<HTMLButtonElement>('start').disabled = true;
    firstAtMs = undefined;
    byId('live-events').replaceChildren();
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
    void running.stop().then(() => {
      byId('live-screen').dataset['state'] = 'stopped';
      showProfile();
      void listSessions();
    });
  });

  const listSessions = async (): Promise<void> => {
    const s = await store();
    const list = byId('sessions');
    list.replaceChildren();
    for (const record of (await s.sessions()).reverse()) {
      const li = document.createElement('li');
      li.textContent = `${new Date(record.startedAtMs).toISOString().slice(0, 16).replace('T', ' ')} UTC `;
      const button = document.createElement('button');
      button.textContent = 'Export FIT';
      button.dataset['sessionId'] = String(record.id);
      button.addEventListener('click', () => void exportSession(s, record.id, record.startedAtMs));
      li.appendChild(button);
      list.appendChild(li);
    }
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

async function exportSession(store: SessionStore, sessionId: number, startedAtMs: number): Promise<void> {
  const inputs = await store.inputs(sessionId);
  if (!inputs.some((i) => i.kind === 'sample')) {
    byId('live-note').textContent = 'That session has no samples to export.';
    return;
  }
  const bytes = encodeActivity({ inputs, productName: 'paceguard phone' });
  const stamp = new Date(startedAtMs).toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  download(`paceguard-${stamp}.fit`, new Uint8Array(bytes), 'application/vnd.ant.fit');
}

function planned(profile: LoadedProfile): string {
  return profile.ok && profile.config.plannedMs !== undefined ? ` · ${Math.round(profile.config.plannedMs / 60_000)} min planned` : '';
}
