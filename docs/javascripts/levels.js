// Level selection beyond what Material does on its own:
//  - "?level=senior" on any page selects that level; Material's linked tabs then switch every
//    question and remember the choice;
//  - "#<question>-senior" opens that tab (Material does) and shows the question's heading
//    below the fixed header rather than the bare tab strip; on a question's own page "#senior"
//    does the same.
// Runs on every page load, including Material's instant navigation.
(function () {
  "use strict";

  // Material marks linked tab sets once it has mounted them; act only after that, or the
  // click would not propagate and Material's own restore would undo it.
  function whenTabsReady(callback, tries) {
    if (document.querySelector(".tabbed-labels--linked") || !document.querySelector(".tabbed-set")) {
      callback();
    } else if ((tries || 0) < 100) {
      window.requestAnimationFrame(function () { whenTabsReady(callback, (tries || 0) + 1); });
    }
  }

  function selectLevelFromQuery() {
    var level = new URLSearchParams(window.location.search).get("level");
    if (!level) return;
    var wanted = level.trim().toLowerCase();
    var labels = document.querySelectorAll(".tabbed-labels > label");
    for (var i = 0; i < labels.length; i++) {
      if (labels[i].textContent.trim().toLowerCase() === wanted) {
        var input = document.getElementById(labels[i].htmlFor);
        if (input && !input.checked) labels[i].click();
        break;
      }
    }
  }

  function questionHeadingFor(input) {
    var node = input.closest(".tabbed-set");
    while (node && !/^H[1-6]$/.test(node.tagName)) node = node.previousElementSibling;
    return node;
  }

  // On a question's own page, "#senior" names a level of its one question ("#<id>-senior" also works).
  function levelAnchor(id) {
    if (!/^(junior|mid|senior)$/i.test(id)) return id;
    var heading = document.querySelector("article h1[id]");
    return heading && document.getElementById(heading.id + "-" + id.toLowerCase()) ? heading.id + "-" + id.toLowerCase() : id;
  }

  function showQuestionOfHash() {
    var id = levelAnchor(decodeURIComponent(window.location.hash.slice(1)));
    var input = id ? document.getElementById(id) : null;
    if (!input || input.tagName !== "INPUT" || !input.closest(".tabbed-set")) return;
    if (!input.checked) {
      var label = document.querySelector('label[for="' + CSS.escape(id) + '"]');
      if (label) label.click();
    }
    var heading = questionHeadingFor(input);
    if (!heading) return;
    var header = document.querySelector(".md-header");
    var offset = (header ? header.offsetHeight : 0) + 8;
    window.scrollTo({ top: heading.getBoundingClientRect().top + window.scrollY - offset });
  }

  function onPage() {
    whenTabsReady(function () {
      selectLevelFromQuery();
      window.requestAnimationFrame(showQuestionOfHash);
    });
  }

  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(onPage);
  } else {
    document.addEventListener("DOMContentLoaded", onPage);
  }
  window.addEventListener("hashchange", showQuestionOfHash);
})();
