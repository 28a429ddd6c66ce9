// Quick exit: leave at once, replacing this page in history so Back does not return to mend.
(function () {
  "use strict";
  function exitNow(url) {
    try { document.body.innerHTML = ""; document.title = "Weather"; } catch (e) { /* nothing to clean */ }
    window.location.replace(url);
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-quick-exit]");
    if (!link) { return; }
    event.preventDefault();
    exitNow(link.href);
  });
  var lastEscape = 0;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var now = Date.now();
    if (now - lastEscape < 1000) {
      var link = document.querySelector("[data-quick-exit]");
      if (link) { exitNow(link.href); }
    }
    lastEscape = now;
  });
  // Discreet browsing (chosen on the wellbeing page, kept in this browser only): links inside mend
  // replace the current page instead of adding to the tab's Back list. Forms still add a step.
  var DISCREET = "mend-discreet";
  function discreet() {
    try { return window.localStorage.getItem(DISCREET) === "on"; } catch (e) { return false; }
  }
  document.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) { return; }
    var link = event.target.closest && event.target.closest("a[href]");
    if (!link || !discreet() || link.origin !== window.location.origin) { return; }
    if ((link.target && link.target !== "_self") || link.hasAttribute("download")) { return; }
    if (link.hash && link.pathname === window.location.pathname && link.search === window.location.search) { return; }
    event.preventDefault();
    window.location.replace(link.href);
  });
  var choice = document.querySelector("[data-discreet]");
  var toggle = document.getElementById("discreet-toggle");
  if (choice && toggle) {
    toggle.checked = discreet();
    choice.hidden = false;
    toggle.addEventListener("change", function () {
      try {
        if (toggle.checked) { window.localStorage.setItem(DISCREET, "on"); } else { window.localStorage.removeItem(DISCREET); }
      } catch (e) { toggle.checked = false; }
    });
  }
  // The phone menu folds away again when you tap or click anywhere else on the page.
  document.addEventListener("click", function (event) {
    var menu = document.querySelector("details.nav-menu[open]");
    if (menu && !menu.contains(event.target)) { menu.open = false; }
  });
  // Copy buttons: <button data-copy="#id">.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-copy]");
    if (!button || !navigator.clipboard) { return; }
    var source = document.querySelector(button.getAttribute("data-copy"));
    if (!source) { return; }
    navigator.clipboard.writeText(source.value || source.textContent.trim()).then(function () {
      var label = button.textContent;
      button.textContent = "Copied";
      setTimeout(function () { button.textContent = label; }, 1500);
    });
  });
})();
