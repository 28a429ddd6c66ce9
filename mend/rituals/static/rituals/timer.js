// Check-in timer: counts down to the end time written on the page (which works without this file).
(function () {
  "use strict";
  var el = document.querySelector("[data-timer-end]");
  if (!el) { return; }
  var end = Date.parse(el.getAttribute("data-timer-end"));
  if (isNaN(end)) { return; }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function tick() {
    var left = Math.max(0, Math.round((end - Date.now()) / 1000));
    el.textContent = left > 0 ? "(" + pad(Math.floor(left / 60)) + ":" + pad(left % 60) + " left)" : "(time is up)";
    if (left > 0) { window.setTimeout(tick, 1000); }
  }
  tick();
})();
