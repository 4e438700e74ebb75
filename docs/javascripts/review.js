// The Review page: questions marked Shaky or Don't know, filtered by topic, level and mark;
// and exporting, importing and resetting progress.
(function () {
  "use strict";
  var H = window.Handbook;
  var LABELS = { known: "Know it", shaky: "Shaky", unknown: "Don't know" };
  var LEVELS = { junior: "Junior", mid: "Mid", senior: "Senior" };

  function clear(element) {
    while (element.firstChild) element.removeChild(element.firstChild);
  }

  function say(text) {
    var message = document.getElementById("hb-progress-message");
    if (message) message.textContent = text;
  }

  function fillTopics(select, index) {
    if (select.options.length > 1) return;
    index.topics.forEach(function (topic) {
      var option = document.createElement("option");
      option.value = topic.id;
      option.textContent = topic.title;
      select.appendChild(option);
    });
  }

  function render(index) {
    var topic = document.getElementById("hb-review-topic").value;
    var level = document.getElementById("hb-review-level").value;
    var mark = document.getElementById("hb-review-status").value;
    var statuses = H.read().state.statuses;
    var titles = {};
    index.topics.forEach(function (t) { titles[t.id] = t.title; });
    var due = index.questions.filter(function (q) {
      var entry = statuses[q.id];
      if (!entry || entry.status === "known") return false;
      return (!topic || q.topic === topic) && (!level || q.level === level) && (!mark || entry.status === mark);
    });
    var list = document.getElementById("hb-review-list");
    clear(list);
    due.forEach(function (q) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = H.url(q.url);
      link.textContent = q.title;
      var detail = document.createElement("span");
      detail.className = "hb-review-detail";
      detail.textContent = " " + LABELS[statuses[q.id].status] + " · " + titles[q.topic] + " · " + LEVELS[q.level];
      item.appendChild(link);
      item.appendChild(detail);
      list.appendChild(item);
    });
    var anyMarked = Object.keys(statuses).length > 0;
    document.getElementById("hb-review-summary").textContent = due.length
      ? due.length + (due.length === 1 ? " question" : " questions") + " to review."
      : anyMarked
        ? "Nothing to review with these filters."
        : "No questions marked yet: mark questions Shaky or Don't know as you read, and they appear here.";
    H.renderProgress();
  }

  H.onPage(function () {
    var root = document.getElementById("hb-review");
    if (!root) return;
    var result = H.read();
    if (result.error) H.notice(result.error);
    H.loadIndex().then(function (index) {
      fillTopics(document.getElementById("hb-review-topic"), index);
      ["hb-review-topic", "hb-review-level", "hb-review-status"].forEach(function (id) {
        document.getElementById(id).addEventListener("change", function () { render(index); });
      });
      render(index);

      document.getElementById("hb-export").addEventListener("click", function () {
        var count = H.exportFile();
        say("Exported " + count + (count === 1 ? " mark." : " marks."));
      });
      var input = document.getElementById("hb-import");
      input.addEventListener("change", function () {
        var file = input.files && input.files[0];
        if (!file) return;
        file.text().then(function (text) {
          var outcome = H.importText(text);
          say(outcome.message);
          input.value = "";
          render(index);
        }, function () {
          say("That file could not be read.");
        });
      });
      document.getElementById("hb-reset").addEventListener("click", function () {
        if (!window.confirm("Forget every mark in this browser?")) return;
        var error = H.reset();
        say(error || "Progress reset.");
        render(index);
      });
    }).catch(function () {
      document.getElementById("hb-review-summary").textContent = "The question list could not be loaded.";
    });
  });
})();
