// mend's service worker, served from /sw.js so it can answer for the whole site.
// It keeps only public, identical-for-everyone files: the stylesheet, scripts, icons and the
// offline page. Pages are never stored: they hold private words, so they always come from the
// network, and when there is none the offline page is shown instead.
"use strict";

// The server fills these in (versioned file names change with each release).
var VERSION = "__MEND_VERSION__";
var PRECACHE = __MEND_PRECACHE__;
var OFFLINE_URL = "/offline/";
var CACHE = "mend-static-" + VERSION;

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(CACHE).then(function (cache) {
      // Fetched without cookies: nothing tied to a person can end up in the cache.
      return cache.addAll(PRECACHE.map(function (url) {
        return new Request(url, { credentials: "omit", cache: "reload" });
      }));
    }).then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf("mend-") === 0 && name !== CACHE;
      }).map(function (name) { return caches.delete(name); }));
    }).then(function () { return self.clients.claim(); })
  );
});

function isStatic(url) {
  return url.origin === self.location.origin && url.pathname.indexOf("/static/") === 0;
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }
  var url = new URL(request.url);

  if (request.mode === "navigate") {
    // Pages: network only. Offline, show the stored offline page (never a stored private page).
    event.respondWith(
      fetch(request).catch(function () {
        return caches.open(CACHE).then(function (cache) { return cache.match(OFFLINE_URL); });
      })
    );
    return;
  }

  if (isStatic(url)) {
    // Static files: from the cache when present, otherwise fetched and kept for next time.
    event.respondWith(
      caches.open(CACHE).then(function (cache) {
        return cache.match(request).then(function (hit) {
          if (hit) { return hit; }
          return fetch(request).then(function (response) {
            if (response.ok && response.type === "basic") { cache.put(request, response.clone()); }
            return response;
          });
        });
      })
    );
  }
  // Everything else (API calls, htmx fragments, downloads) goes straight to the network.
});
