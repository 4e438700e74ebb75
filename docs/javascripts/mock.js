// The Mock interview page: random questions at one level, the answer hidden until revealed,
// a self-score per question that feeds the same progress, and a summary at the end.
(function () {
  "use strict";
  var H = window.Handbook;
  var LABELS = { known: "Knew it", shaky: "Shaky", unknown: "Didn't know" };
  var pages = {};

  function shuffle(items) {
    var copy = items.slice();
    for (var i = copy.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1));
      var swap = copy[i];
      copy[i] = copy[j];
      copy[j] = swap;
    }
    return copy;
  }

  // The answer block of one level, copied as DOM nodes from the question's own page.
  function fetchAnswer(question, level) {
    var pageUrl = H.url(question.url.split("#")[0]);
    if (!pages[pageUrl]) {
      pages[pageUrl] = window.fetch(pageUrl).then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.text();
      }).then(function (text) {
        return new DOMParser().parseFromString(text, "text/html");
      });
      pages[pageUrl].catch(function () { delete pages[pageUrl]; });
    }
    return pages[pageUrl].then(function (doc) {
      var input = doc.getElementById(question.id + "-" + level);
      var set = input && input.closest(".tabbed-set");
      if (!set) throw new Error("answer not found");
      var inputs = Array.prototype.slice.call(set.querySelectorAll(":scope > input"));
      var block = set.querySelectorAll(":scope > .tabbed-content > .tabbed-block")[inputs.indexOf(input)];
      // Copy the block's children: a .tabbed-block outside its tab set is hidden by the theme.
      var copy = document.createElement("div");
      Array.prototype.forEach.call(block.childNodes, function (node) {
        copy.appendChild(document.importNode(node, true));
      });
      copy.querySelectorAll("a[href]").forEach(function (a) {
        a.setAttribute("href", new URL(a.getAttribute("href"), pageUrl).href);
      });
      return copy;
    });
  }

  H.onPage(function () {
    var form = document.getElementById("hb-mock-setup");
    if (!form) return;
    var session = document.getElementById("hb-mock-session");
    var summary = document.getElementById("hb-mock-summary");
    var questionText = document.getElementById("hb-mock-question");
    var progress = document.getElementById("hb-mock-progress");
    var reveal = document.getElementById("hb-mock-reveal");
    var answer = document.getElementById("hb-mock-answer");
    var score = document.getElementById("hb-mock-score");
    var run = null;

    function show(element, visible) {
      element.hidden = !visible;
    }

    function ask() {
      var question = run.items[run.position];
      progress.textContent = "Question " + (run.position + 1) + " of " + run.items.length + " · " +
        run.level.charAt(0).toUpperCase() + run.level.slice(1) + " level";
      questionText.textContent = question.title;
      while (answer.firstChild) answer.removeChild(answer.firstChild);
      show(answer, false);
      show(score, false);
      show(reveal, true);
      questionText.focus();
    }

    function finish() {
      show(session, false);
      var tally = { known: 0, shaky: 0, unknown: 0 };
      var list = document.getElementById("hb-mock-summary-list");
      while (list.firstChild) list.removeChild(list.firstChild);
      run.items.forEach(function (question, i) {
        tally[run.scores[i]] += 1;
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = H.url(question.url);
        link.textContent = question.title;
        item.appendChild(link);
        item.appendChild(document.createTextNode(" " + LABELS[run.scores[i]]));
        list.appendChild(item);
      });
      document.getElementById("hb-mock-summary-text").textContent = "You knew " + tally.known + " of " +
        run.items.length + "; " + tally.shaky + " shaky, " + tally.unknown + " not known. " +
        "Anything you missed is now on the Review page.";
      show(summary, true);
      summary.focus();
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var level = form.querySelector("input[name=level]:checked").value;
      var topics = Array.prototype.map.call(form.querySelectorAll("input[name=topic]:checked"),
        function (box) { return box.value; });
      var count = Math.max(1, Math.min(30, parseInt(form.querySelector("input[name=count]").value, 10) || 5));
      var message = document.getElementById("hb-mock-setup-message");
      H.loadIndex().then(function (index) {
        var pool = index.questions.filter(function (q) { return topics.indexOf(q.topic) >= 0; });
        if (!pool.length) {
          message.textContent = "Choose at least one topic.";
          return;
        }
        message.textContent = "";
        run = { level: level, items: shuffle(pool).slice(0, count), position: 0, scores: [] };
        show(form, false);
        show(summary, false);
        show(session, true);
        ask();
      }).catch(function () {
        message.textContent = "The question list could not be loaded.";
      });
    });

    reveal.addEventListener("click", function () {
      var question = run.items[run.position];
      fetchAnswer(question, run.level).then(function (block) {
        answer.appendChild(block);
      }).catch(function () {
        var link = document.createElement("a");
        link.href = H.url(question.url);
        link.textContent = "Read the answer on its page";
        answer.appendChild(link);
      }).then(function () {
        show(reveal, false);
        show(answer, true);
        show(score, true);
        answer.focus();
      });
    });

    score.querySelectorAll("button[data-score]").forEach(function (button) {
      button.addEventListener("click", function () {
        var mark = button.getAttribute("data-score");
        var error = H.setStatus(run.items[run.position].id, mark);
        if (error) H.notice(error);
        run.scores.push(mark);
        run.position += 1;
        if (run.position < run.items.length) ask(); else finish();
      });
    });

    document.getElementById("hb-mock-again").addEventListener("click", function () {
      show(summary, false);
      show(form, true);
      form.querySelector("button[type=submit]").focus();
    });
  });
})();
