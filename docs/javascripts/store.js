// The handbook's client-side state: a self-assessment (known / shaky / unknown) per permanent
// question id, kept in localStorage. Every other script goes through window.Handbook.
// Bad data (a damaged localStorage entry, a foreign import file) gives a message, never an error.
(function () {
  "use strict";

  var KEY = "django-drf-handbook:progress";
  var FORMAT = "django-drf-handbook-progress";
  var STATUSES = ["known", "shaky", "unknown"];
  var config = JSON.parse(document.getElementById("__config").textContent);
  // Scripts run once, on the first page loaded; later pages arrive by instant navigation.
  var ROOT = new URL(config.base.replace(/\/?$/, "/"), window.location.href);
  var indexRequest = null;

  function emptyState() {
    return { version: 1, statuses: {} };
  }

  function problemWith(data) {
    if (!data || typeof data !== "object" || Array.isArray(data)) return "it is not a JSON object";
    if (data.version !== 1) return "it has an unknown version";
    if (!data.statuses || typeof data.statuses !== "object" || Array.isArray(data.statuses)) {
      return "it has no list of questions";
    }
    var ids = Object.keys(data.statuses);
    for (var i = 0; i < ids.length; i++) {
      var entry = data.statuses[ids[i]];
      if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(ids[i])) return "'" + ids[i] + "' is not a question id";
      if (!entry || STATUSES.indexOf(entry.status) < 0 || typeof entry.at !== "string") {
        return "the entry for '" + ids[i] + "' is not valid";
      }
    }
    return null;
  }

  function read() {
    var raw;
    try {
      raw = window.localStorage.getItem(KEY);
    } catch (error) {
      return { state: emptyState(), error: "This browser does not let the handbook save progress." };
    }
    if (raw === null) return { state: emptyState(), error: null };
    var data;
    try {
      data = JSON.parse(raw);
    } catch (error) {
      data = null;
    }
    var problem = data === null ? "it is not valid JSON" : problemWith(data);
    if (problem) {
      return {
        state: emptyState(),
        error: "Saved progress could not be read (" + problem + "). It is ignored until you mark a " +
          "question or reset it on the Review page.",
      };
    }
    return { state: data, error: null };
  }

  function write(state) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(state));
      return null;
    } catch (error) {
      return "Progress could not be saved in this browser.";
    }
  }

  function setStatus(id, status) {
    if (STATUSES.indexOf(status) < 0) return "Unknown mark: " + status;
    var state = read().state;
    state.statuses[id] = { status: status, at: new Date().toISOString() };
    return write(state);
  }

  function exportFile() {
    var state = read().state;
    var payload = { format: FORMAT, version: 1, exported: new Date().toISOString(), statuses: state.statuses };
    var blob = new Blob([JSON.stringify(payload, null, 2)], { type: "application/json" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "handbook-progress.json";
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    return Object.keys(state.statuses).length;
  }

  // Merge an exported file into the saved progress; the newer mark wins for each question.
  function importText(text) {
    var data;
    try {
      data = JSON.parse(text);
    } catch (error) {
      return { ok: false, message: "That file is not a handbook progress export: it is not valid JSON." };
    }
    if (!data || data.format !== FORMAT) {
      return { ok: false, message: "That file is not a handbook progress export (it has no '" + FORMAT + "' format)." };
    }
    var problem = problemWith({ version: data.version, statuses: data.statuses });
    if (problem) return { ok: false, message: "That export cannot be imported: " + problem + "." };
    var state = read().state;
    var ids = Object.keys(data.statuses);
    ids.forEach(function (id) {
      var mine = state.statuses[id];
      if (!mine || mine.at < data.statuses[id].at) state.statuses[id] = data.statuses[id];
    });
    var error = write(state);
    if (error) return { ok: false, message: error };
    return { ok: true, message: "Imported " + ids.length + " marks." };
  }

  function reset() {
    try {
      window.localStorage.removeItem(KEY);
    } catch (error) {
      return "Progress could not be reset in this browser.";
    }
    return null;
  }

  function loadIndex() {
    if (!indexRequest) {
      // Revalidate every time: after a deploy that moves questions, progress must use the new index.
      var url = new URL("assets/handbook/questions.json", ROOT).href;
      indexRequest = window.fetch(url, { cache: "no-cache" }).then(function (response) {
        if (!response.ok) throw new Error("question index: HTTP " + response.status);
        return response.json();
      });
      indexRequest.catch(function () { indexRequest = null; });
    }
    return indexRequest;
  }

  function counts(statuses, questions) {
    var result = { total: questions.length, known: 0, shaky: 0, unknown: 0 };
    questions.forEach(function (q) {
      var entry = statuses[q.id];
      if (entry) result[entry.status] += 1;
    });
    return result;
  }

  function describe(c) {
    var parts = [c.known + " of " + c.total + " known"];
    if (c.shaky) parts.push(c.shaky + " shaky");
    if (c.unknown) parts.push(c.unknown + " don't know");
    return parts.join(" · ");
  }

  function notice(text) {
    var content = document.querySelector(".md-content__inner");
    if (!content || content.querySelector(".hb-notice")) return;
    var box = document.createElement("p");
    box.className = "hb-notice";
    box.setAttribute("role", "alert");
    box.textContent = text;
    content.insertBefore(box, content.firstChild);
  }

  function onPage(callback) {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(function () { callback(); });
    } else {
      document.addEventListener("DOMContentLoaded", callback);
    }
  }

  window.Handbook = {
    STATUSES: STATUSES,
    read: read,
    setStatus: setStatus,
    exportFile: exportFile,
    importText: importText,
    reset: reset,
    loadIndex: loadIndex,
    counts: counts,
    describe: describe,
    notice: notice,
    onPage: onPage,
    url: function (relative) { return new URL(relative, ROOT).href; },
  };
})();
