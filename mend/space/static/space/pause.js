// Countdown to the return time on the pause page. Without JavaScript the page shows the time itself.
(function () {
  "use strict";
  var node = document.querySelector("[data-return-at]");
  if (!node) { return; }
  var target = Date.parse(node.getAttribute("data-return-at"));
  if (isNaN(target)) { return; }
  function pad(n) { return n < 10 ? "0" + n : String(n); }
  function tick() {
    var left = Math.round((target - Date.now()) / 1000);
    if (left <= 0) {
      node.textContent = "Whenever you're ready";
      return;
    }
    node.textContent = Math.floor(left / 60) + ":" + pad(left % 60);
    window.setTimeout(tick, 1000);
  }
  node.hidden = false;
  tick();
})();
