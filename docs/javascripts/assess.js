// "Know it / Shaky / Don't know" on every question, and the progress counts shown on the home
// page, on topic cards, at the top of every topic page and per area of the Coverage page.
(function () {
  "use strict";
  var H = window.Handbook;

  // A progress line names its questions (data-questions: topic pages, Coverage areas) or its topic
  // (data-topic: the home page's cards, "*" for all); only the latter needs the question index, so a
  // topic page does not download a list that grows with the bank.
  function show(el, questions, statuses) {
    el.textContent = "Your progress: " + H.describe(H.counts(statuses, questions));
  }

  function renderProgress() {
    var statuses = H.read().state.statuses;
    document.querySelectorAll(".hb-progress[data-questions]").forEach(function (el) {
      var ids = el.getAttribute("data-questions").split(" ").filter(Boolean);
      show(el, ids.map(function (id) { return { id: id }; }), statuses);
    });
    var byTopic = document.querySelectorAll(".hb-progress[data-topic]:not([data-questions])");
    if (!byTopic.length) return;
    H.loadIndex().then(function (index) {
      byTopic.forEach(function (el) {
        var topic = el.getAttribute("data-topic");
        show(el, index.questions.filter(function (q) { return topic === "*" || q.topic === topic; }), statuses);
      });
    }).catch(function () {
      byTopic.forEach(function (el) { el.textContent = ""; });
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
