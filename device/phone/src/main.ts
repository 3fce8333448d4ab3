import { mountLiveScreen } from './live/live-screen.ts';
import { mountReplayScreen } from './replay/replay-screen.ts';

/**
 * paceguard on the phone: two screens in one page (Live, Replay & tune), the
 * service worker that keeps it working offline once loaded, and nothing that
 * talks to a network: a runner's heart rate and track never leave the phone.
 */

const replay = mountReplayScreen();
const live = mountLiveScreen({
  openInReplay: (file, fit, profileText) => {
    history.replaceState(null, '', '#replay');
    show('replay');
    void replay.openSession(file, fit, profileText);
  },
});

// show() is a declaration: the session list calls it (openInReplay) only on a tap, long after `tabs` is set.
const tabs = Array.from(document.querySelectorAll<HTMLButtonElement>('nav button[data-screen]'));
function show(screen: string): void {
  for (const tab of tabs) tab.setAttribute('aria-selected', String(tab.dataset['screen'] === screen));
  for (const section of Array.from(document.querySelectorAll<HTMLElement>('main > section[data-screen]'))) {
    section.hidden = section.dataset['screen'] !== screen;
  }
  if (screen === 'live') live.shown();
  // Charts size to their container: one drawn while hidden is redrawn at its real width.
  if (screen === 'replay') window.dispatchEvent(new Event('resize'));
}
for (const tab of tabs) tab.addEventListener('click', () => {
  const screen = tab.dataset['screen'] ?? 'live';
  history.replaceState(null, '', `#${screen}`);
  show(screen);
});
show(location.hash === '#replay' ? 'replay' : 'live');

if ('serviceWorker' in navigator && location.protocol !== 'file:') {
  navigator.serviceWorker.register('sw.js').then(
    () => document.documentElement.setAttribute('data-offline', 'ready'),
    () => document.documentElement.setAttribute('data-offline', 'unavailable'),
  );
}
document.documentElement.setAttribute('data-app', 'ready');
