// "Know it / Shaky / Don't know" on every question, and the progress counts shown on the home
// page, on topic cards, at the top of every topic page and per area of the Coverage page.
(function () {
  "use strict";
  var H = window.Handbook;

  function renderProgress() {
    var targets = document.querySelectorAll(".hb-progress[data-topic], .hb-progress[data-questions]");
    if (!targets.length) return;
    H.loadIndex().then(function (index) {
      var statuses = H.read().state.statuses;
      targets.forEach(function (el) {
        var topic = el.getAttribute("data-topic");
        var listed = (el.getAttribute("data-questions") || "").split(" ");
        var questions = index.questions.filter(function (q) {
          return topic === null ? listed.indexOf(q.id) !== -1 : topic === "*" || q.topic === topic;
        });
        el.textContent = "Your progress: " + H.describe(H.counts(statuses, questions));
      });
    }).catch(function () {
      targets.forEach(function (el) { el.textContent = ""; });
    });
  }

  function wire(fieldset, statuses) {
    var id = fieldset.getAttribute("data-question");
    var saved = statuses[id];
    fieldset.querySelectorAll("input[type=radio]").forEach(function (input) {
      input.checked = Boolean(saved) && saved.status === input.value;
      input.addEventListener("change", function () {
        if (!input.checked) return;
        var error = H.setStatus(id, input.value);
        if (error) H.notice(error);
        renderProgress();
      });
    });
  }

  H.renderProgress = renderProgress;
  H.onPage(function () {
    var result = H.read();
    if (result.error) H.notice(result.error);
    document.querySelectorAll("fieldset.hb-assess").forEach(function (fieldset) {
      wire(fieldset, result.state.statuses);
    });
    renderProgress();
  });
})();
