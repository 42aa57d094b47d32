// Kamu service worker: keeps the app shell, its JS/wasm/CSS and the pages a person has opened,
// so that a page visited before opens with no network.
//
// Updates are safe: the server writes the build's id into VERSION when it serves this file, so
// a new deployment is a new worker. It caches the new JS, wasm and CSS together (all or
// nothing) in a cache of its own, and serves them only as that pair: old JS never meets new wasm.
// Pages are network first (fresh whenever the network answers), the cache is the fallback; a
// new version starts with no kept pages, since an old page could not hydrate with new wasm.
// Offline data lives in IndexedDB (see src/offline/), not here.

const VERSION = "__KAMU_BUILD__";
const SHELL_CACHE = `kamu-shell-${VERSION}`;
const PAGE_CACHE = `kamu-pages-${VERSION}`;
const NETWORK_TIMEOUT_MS = 4000;

// The code of one build: cached together or not at all.
const CODE = ["/pkg/kamu.js", "/pkg/kamu.wasm", "/pkg/kamu.css"];
const EXTRAS = ["/manifest.webmanifest", "/favicon.ico", "/icons/icon.svg", "/icons/icon-192.png"];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(SHELL_CACHE)
      .then((cache) => cache.addAll(CODE).then(() =>
        Promise.all(EXTRAS.map((url) => cache.add(url).catch(() => undefined)))))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  // Take the open pages first: a page is kept for offline use only once this worker controls
  // it, and a failing clean-up of old caches must never leave it uncontrolled.
  event.waitUntil(
    self.clients.claim().then(() =>
      caches.keys()
        .then((keys) => Promise.all(
          keys.filter((k) => k !== SHELL_CACHE && k !== PAGE_CACHE).map((k) => caches.delete(k))
        ))
        .catch(() => undefined))
  );
});

function isCacheable(response) {
  return response && response.status === 200 && response.type === "basic" && !response.redirected;
}

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), ms);
    promise.then((v) => { clearTimeout(timer); resolve(v); }, (e) => { clearTimeout(timer); reject(e); });
  });
}

async function networkFirst(request, cacheName) {
  const cache = await caches.open(cacheName);
  try {
    const response = await withTimeout(fetch(request), NETWORK_TIMEOUT_MS);
    if (isCacheable(response)) {
      await cache.put(request, response.clone());
    }
    return response;
  } catch (err) {
    const cached = (await cache.match(request)) || (await caches.match(request));
    if (cached) return cached;
    if (request.mode === "navigate") return await offlinePage();
    throw err;
  }
}

// The "no network" page, in the language chosen in the app (the app tells the worker; see
// `offline::service_worker::tell_language`). Kept beside the shell, under a key of its own.
const LANGUAGE_KEY = "/__kamu/language";
const OFFLINE_TEXTS = {
  fi: {
    title: "Kamu – ei yhteyttä",
    heading: "Ei verkkoyhteyttä",
    text: "Tätä sivua ei ole tallennettu tälle laitteelle. Omat asiakkuutesi, Omat ja Saapuneet tallentuvat, kun sovellus on ollut verkossa; muut sivut, kun ne on avattu kerran verkossa.",
    back: "Asiakkuudet",
  },
  sv: {
    title: "Kamu – utan nätverk",
    heading: "Inget nätverk",
    text: "Den här sidan är inte sparad på enheten. Dina egna kunder, Mina och Inkorg sparas när appen har varit uppkopplad; andra sidor när de har öppnats en gång med nätverk.",
    back: "Kunder",
  },
  en: {
    title: "Kamu – offline",
    heading: "No network",
    text: "This page is not kept on this device. Your own accounts, Mine and the inbox are kept once the app has been online; other pages once opened online.",
    back: "Accounts",
  },
};

async function chosenLanguage() {
  const cache = await caches.open(SHELL_CACHE);
  const stored = await cache.match(LANGUAGE_KEY);
  const code = stored ? (await stored.text()).trim() : "fi";
  return OFFLINE_TEXTS[code] ? code : "fi";
}

async function offlinePage() {
  const lang = await chosenLanguage();
  const t = OFFLINE_TEXTS[lang];
  const html = `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t.title}</title>
<style>body{font:17px/1.5 system-ui,sans-serif;margin:0;padding:24px;background:#f4f7f8;color:#14232b}
a{display:inline-block;min-height:44px;padding:10px 16px;background:#0b4f6c;color:#fff;border-radius:10px;text-decoration:none}</style>
</head><body data-testid="offline-fallback"><h1>${t.heading}</h1>
<p>${t.text}</p>
<p><a href="/">${t.back}</a></p></body></html>`;
  return new Response(html, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

// Fetches and keeps a page, unless the kept copy is there already (a page opened online is
// refreshed by the network-first fetch anyway).
async function keepPage(href, onlyIfMissing) {
  const cache = await caches.open(PAGE_CACHE);
  if (onlyIfMissing && (await cache.match(href))) return;
  try {
    const response = await fetch(href, { credentials: "same-origin" });
    if (isCacheable(response)) await cache.put(href, response);
  } catch (e) {
    // No network: the next sync asks again.
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  // A plain form sent with no network (e.g. the inbox's e-mail choice): the no-network page,
  // not the browser's error (a dead end in an installed app).
  if (request.method === "POST" && request.mode === "navigate") {
    event.respondWith(fetch(request).catch(() => offlinePage()));
    return;
  }
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/api/")) return;
  // Calendar files are downloads for another app, not pages to keep for offline use.
  if (url.pathname.endsWith(".ics")) return;
  if (request.mode === "navigate") {
    event.respondWith(networkFirst(request, PAGE_CACHE));
  } else if (CODE.includes(url.pathname)) {
    // This version's own code, never a newer or older file from the network.
    event.respondWith(
      caches.open(SHELL_CACHE).then((cache) => cache.match(url.pathname))
        .then((hit) => hit || fetch(request))
    );
  } else {
    event.respondWith(networkFirst(request, SHELL_CACHE));
  }
});

self.addEventListener("message", (event) => {
  const data = event.data;
  if (data === "forget-pages") {
    // Signed out: the saved pages hold the previous person's data.
    event.waitUntil(caches.delete(PAGE_CACHE));
  } else if (data && data.type === "cache-page" && typeof data.url === "string") {
    // A page reached by in-app navigation was never fetched as a document: fetch and keep it.
    const url = new URL(data.url, self.location.origin);
    if (url.origin !== self.location.origin) return;
    event.waitUntil(keepPage(url.href, false));
  } else if (data && data.type === "cache-missing-pages" && Array.isArray(data.urls)) {
    // The person's accounts, kept before they are ever opened: one at a time, so a phone on
    // a weak network is not flooded.
    const hrefs = data.urls
      .filter((u) => typeof u === "string")
      .map((u) => new URL(u, self.location.origin))
      .filter((u) => u.origin === self.location.origin)
      .map((u) => u.href);
    event.waitUntil(hrefs.reduce((done, href) => done.then(() => keepPage(href, true)), Promise.resolve()));
  } else if (data && data.type === "language" && (data.code === "fi" || data.code === "sv" || data.code === "en")) {
    event.waitUntil(
      caches.open(SHELL_CACHE).then((cache) =>
        cache.put(LANGUAGE_KEY, new Response(data.code, { headers: { "Content-Type": "text/plain" } })))
    );
  }
});

// Web Push: urgent bulletins, mentions and reminders. The server encrypts the payload for this
// browser's subscription; it arrives here as JSON { title, body, url, urgent }.
self.addEventListener("push", (event) => {
  let note = { title: "Kamu", body: "", url: "/saapuneet", urgent: false };
  try {
    if (event.data) note = Object.assign(note, event.data.json());
  } catch (e) {
    // An unreadable payload still tells the person to look at their inbox.
  }
  event.waitUntil(
    self.registration.showNotification(note.title, {
      body: note.body,
      icon: "/icons/icon-192.png",
      badge: "/icons/icon-192.png",
      data: { url: note.url },
      tag: note.url,
      requireInteraction: note.urgent,
    })
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = (event.notification.data && event.notification.data.url) || "/saapuneet";
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((windows) => {
      for (const w of windows) {
        if ("focus" in w) {
          w.navigate(url);
          return w.focus();
        }
      }
      return self.clients.openWindow(url);
    })
  );
});
