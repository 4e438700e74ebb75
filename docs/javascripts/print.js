// Print buttons: print at the chosen level, or all three levels (see the print styles).
// Collapsed boxes ("What the sources get wrong") are opened for printing and closed again after.
(function () {
  "use strict";
  var reopened = [];

  window.Handbook.onPage(function () {
    document.querySelectorAll("button[data-print]").forEach(function (button) {
      button.addEventListener("click", function () {
        document.documentElement.setAttribute("data-hb-print", button.getAttribute("data-print"));
        window.print();
      });
    });
  });

  window.addEventListener("beforeprint", function () {
    if (reopened.length) return;  // already open for a print under way
    reopened = Array.prototype.filter.call(document.querySelectorAll(".md-content details:not([open])"),
      function (details) { return !details.closest(".hb-assess"); });
    reopened.forEach(function (details) { details.open = true; });
  });

  window.addEventListener("afterprint", function () {
    reopened.forEach(function (details) { details.open = false; });
    reopened = [];
    document.documentElement.removeAttribute("data-hb-print");
  });
})();
