/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Minimal service worker so the app is installable and its shell opens offline. It never
 * caches /api (tickets must always be live) nor /.auth; hashed build assets are cache-first,
 * navigations network-first with the cached shell as the offline fallback. Push messages
 * (ADR 0024) show a notification tagged by topic (a newer one about the same thing replaces it);
 * a click focuses an open tab of the app on the record, or opens one.
 */
import { build, files, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `itil-next-${version}`;
// The dependency view's layout engine (ELK, ~470 KB gzipped) is fetched when first used, not at install.
const PRECACHE = [...build.filter((f) => !f.includes('elk-worker')), ...files.filter((f) => !f.endsWith('.map')), '/'];

sw.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => sw.skipWaiting()),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => sw.clients.claim()),
  );
});

sw.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== sw.location.origin) return;
  if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/.auth/')) return;
  if (build.includes(url.pathname)) {
    event.respondWith(caches.match(request).then((hit) => hit ?? fetch(request)));
    return;
  }
  if (request.mode === 'navigate') {
    event.respondWith(fetch(request).catch(async () => (await caches.match('/')) ?? Response.error()));
  }
});

interface PushPayload {
  readonly title?: string;
  readonly body?: string;
  readonly tag?: string;
  readonly url?: string;
}

sw.addEventListener('push', (event) => {
  let payload: PushPayload = {};
  try {
    payload = (event.data?.json() ?? {}) as PushPayload;
  } catch {
    payload = { body: event.data?.text() ?? '' };
  }
  const url = typeof payload.url === 'string' && payload.url.startsWith('/') ? payload.url : '/';
  event.waitUntil(
    sw.registration.showNotification(payload.title ?? 'ITIL-NEXT', {
      body: payload.body ?? '',
      icon: '/icon.svg',
      ...(payload.tag ? { tag: payload.tag } : {}),
      data: { url },
    }),
  );
});

sw.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = new URL((event.notification.data as { url?: string } | null)?.url ?? '/', sw.location.origin).href;
  event.waitUntil(
    sw.clients.matchAll({ type: 'window', includeUncontrolled: true }).then(async (windows) => {
      const open = windows.find((w) => new URL(w.url).origin === sw.location.origin);
      if (open) {
        await open.focus();
        await open.navigate(url);
        return;
      }
      await sw.clients.openWindow(url);
    }),
  );
});
