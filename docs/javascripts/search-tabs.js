// When a search result leads to a question whose match sits in a tab that is not selected,
// open that tab for this question only (the reader's remembered level stays as it is), mark the
// match and bring it into view. The search names the tab (?tab=senior); without it, the first tab
// holding a searched word is opened. Material highlights only visible text, so hidden tabs are
// searched here; marks are built with DOM nodes, never from HTML strings.
(function () {
  "use strict";

  function terms() {
    var query = new URLSearchParams(window.location.search).get("h") || "";
    return query.toLowerCase().split(/\s+/).filter(function (term) { return term.length > 1; });
  }

  function wantedTab() {
    return (new URLSearchParams(window.location.search).get("tab") || "").toLowerCase();
  }

  // A question's own page (/q/<id>/) holds one question: its tab set is the target.
  function questionPageSet() {
    var heading = document.querySelector("article h1[id]");
    var set = heading ? document.querySelector("article .tabbed-set") : null;
    return set && document.getElementById(heading.id + "-junior") ? set : null;
  }

  function targetSets() {
    var own = questionPageSet();
    if (own) return [own];
    var id = decodeURIComponent(window.location.hash.slice(1));
    var heading = id ? document.getElementById(id) : null;
    if (!heading || !/^H[1-6]$/.test(heading.tagName)) return [];
    var node = heading.nextElementSibling;
    while (node && !node.classList.contains("tabbed-set") && !/^H[1-6]$/.test(node.tagName)) {
      node = node.nextElementSibling;
    }
    return node && node.classList.contains("tabbed-set") ? [node] : [];
  }

  function contains(block, words) {
    var text = block.textContent.toLowerCase();
    return words.some(function (word) { return text.indexOf(word) >= 0; });
  }

  // Wrap the first occurrence of any term in the block in <mark>; return the mark.
  function markFirst(block, words) {
    var walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      var lower = node.nodeValue.toLowerCase();
      for (var i = 0; i < words.length; i++) {
        var at = lower.indexOf(words[i]);
        if (at < 0) continue;
        var match = node.splitText(at);
        match.splitText(words[i].length);
        var mark = document.createElement("mark");
        mark.setAttribute("data-md-highlight", "");
        mark.textContent = match.nodeValue;
        match.parentNode.replaceChild(mark, match);
        return mark;
      }
    }
    return null;
  }

  // Check one tab of a question without a change event (the linked, remembered level is untouched),
  // then mark a searched word in it (Material may have marked the now-visible text itself) and bring
  // it into view.
  function open(input, block, words) {
    input.checked = true;
    if (!words.length || !block) return;
    window.setTimeout(function () {
      var mark = block.querySelector("mark") || markFirst(block, words);
      if (mark) mark.scrollIntoView({ block: "center" });
    }, 150);
  }

  // The tab the search named (?tab=senior).
  function openTab(set, level, words) {
    var inputs = set.querySelectorAll(":scope > input");
    var blocks = set.querySelectorAll(":scope > .tabbed-content > .tabbed-block");
    for (var i = 0; i < inputs.length; i++) {
      if (new RegExp("-" + level + "$").test(inputs[i].id)) return open(inputs[i], blocks[i], words);
    }
  }

  // Without ?tab=: the reader's tab if it holds a searched word, else the first tab that does.
  function openMatchingTab(set, words) {
    var inputs = set.querySelectorAll(":scope > input");
    var blocks = set.querySelectorAll(":scope > .tabbed-content > .tabbed-block");
    for (var i = 0; i < inputs.length; i++) {
      if (inputs[i].checked && blocks[i] && contains(blocks[i], words)) return;
    }
    for (var j = 0; j < blocks.length; j++) {
      if (contains(blocks[j], words)) return open(inputs[j], blocks[j], words);
    }
  }

  window.Handbook.onPage(function () {
    var words = terms();
    var level = wantedTab();
    if (!/^(junior|mid|senior)$/.test(level)) level = "";
    if (!words.length && !level) return;
    // After Material's own tab restore and highlighting have run.
    window.requestAnimationFrame(function () {
      window.setTimeout(function () {
        targetSets().forEach(function (set) {
          if (level) openTab(set, level, words);
          else openMatchingTab(set, words);
        });
      }, 50);
    });
  });
})();
