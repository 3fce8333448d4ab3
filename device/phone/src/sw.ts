/// <reference lib="webworker" />
/**
 * The service worker: on install, caches every file of the build (the list
 * and a version are written into this file by build.mjs); then answers every
 * same-origin request from that cache first, so the page opens and works with
 * no network. A new build has a new version: its cache replaces the old one.
 */
declare const self: ServiceWorkerGlobalScope;
declare const PHONE_VERSION: string;
declare const PHONE_FILES: readonly string[];

const CACHE = `paceguard-phone-${PHONE_VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PHONE_FILES.map((f) => new URL(f, self.registration.scope).href)))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('paceguard-phone-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    caches.match(request, { ignoreSearch: true }).then((hit) => hit ?? fetch(request)),
  );
});
