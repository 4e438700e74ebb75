// Level selection beyond what Material does on its own:
//  - "?level=senior" on any page selects that level (Material then links and remembers it);
//  - "#<question>-senior" selects that tab and scrolls to its question.
// Runs on every page load, including Material's instant navigation.
(function () {
  "use strict";

  function labelFor(input) {
    return document.querySelector('label[for="' + CSS.escape(input.id) + '"]');
  }

  function selectLevelFromQuery() {
    var level = new URLSearchParams(window.location.search).get("level");
    if (!level) return;
    var wanted = level.trim().toLowerCase();
    var labels = document.querySelectorAll(".tabbed-labels > label");
    for (var i = 0; i < labels.length; i++) {
      if (labels[i].textContent.trim().toLowerCase() === wanted) {
        labels[i].click();
        break;
      }
    }
  }

  function openTabFromHash() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!id) return;
    var input = document.getElementById(id);
    if (!input || input.tagName !== "INPUT" || !input.closest(".tabbed-set")) return;
    var label = labelFor(input);
    if (label && !input.checked) label.click();
    var heading = input.closest(".tabbed-set").previousElementSibling;
    while (heading && !/^H[1-6]$/.test(heading.tagName)) heading = heading.previousElementSibling;
    (heading || input.closest(".tabbed-set")).scrollIntoView();
  }

  function onPage() {
    selectLevelFromQuery();
    openTabFromHash();
  }

  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(onPage);
  } else {
    document.addEventListener("DOMContentLoaded", onPage);
  }
  window.addEventListener("hashchange", openTabFromHash);
})();
