// Print buttons: print at the chosen level, or all three levels (see the print styles).
(function () {
  "use strict";
  window.Handbook.onPage(function () {
    document.querySelectorAll("button[data-print]").forEach(function (button) {
      button.addEventListener("click", function () {
        document.documentElement.setAttribute("data-hb-print", button.getAttribute("data-print"));
        window.print();
      });
    });
  });
  window.addEventListener("afterprint", function () {
    document.documentElement.removeAttribute("data-hb-print");
  });
})();
