/**
 * How an alert reaches the runner: spoken (SpeechSynthesis, into headphones),
 * and, as options, a vibration and a short tone for those who run without
 * sound or with music loud. Each output is tried on its own; a browser that
 * lacks one loses only that one.
 */
export interface AlertOptions {
  readonly speech: boolean;
  readonly vibrate: boolean;
  readonly tone: boolean;
}

export const DEFAULT_ALERT_OPTIONS: AlertOptions = { speech: true, vibrate: false, tone: false };

/** Two long buzzes: felt through a pocket, unlike a notification's one. */
const VIBRATION_MS = [400, 200, 400];
const TONE_HZ = 880;
const TONE_SEC = 0.25;

let audio: AudioContext | undefined;

export function deliver(phrase: string, options: AlertOptions): void {
  if (options.speech && 'speechSynthesis' in window) {
    const utterance = new SpeechSynthesisUtterance(phrase);
    utterance.rate = 1.05;
    window.speechSynthesis.speak(utterance);
  }
  if (options.vibrate && 'vibrate' in navigator) navigator.vibrate(VIBRATION_MS);
  if (options.tone) playTone();
}

function playTone(): void {
  try {
    audio ??= new AudioContext();
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.frequency.value = TONE_HZ;
    gain.gain.setValueAtTime(0.3, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + TONE_SEC);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start();
    oscillator.stop(audio.currentTime + TONE_SEC);
  } catch {
    // No audio output (or not allowed yet): the spoken alert and vibration still go out.
  }
}

/** Keeps the screen on while a run is live; taken again when the page comes back to the front. */
export function keepAwake(): () => void {
  let lock: WakeLockSentinel | undefined;
  let released = false;
  const take = (): void => {
    if (released || !('wakeLock' in navigator) || document.visibilityState !== 'visible') return;
    navigator.wakeLock.request('screen').then(
      (sentinel) => {
        lock = sentinel;
      },
      () => undefined,
    );
  };
  document.addEventListener('visibilitychange', take);
  take();
  return () => {
    released = true;
    document.removeEventListener('visibilitychange', take);
    void lock?.release();
  };
}
