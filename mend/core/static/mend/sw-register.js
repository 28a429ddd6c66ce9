// Lets mend work like an installed app: registers the service worker (static files and an offline
// page only; pages with private content are never stored on the device).
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || !window.isSecureContext) { return; }
  window.addEventListener("load", function () {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {
      /* without it mend still works; only the offline page is missing */
    });
  });
})();
