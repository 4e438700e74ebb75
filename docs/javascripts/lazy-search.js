// The search index is the largest download of the site and grows with every question: fetch it
// only once the reader opens search, not on every page load. Material requests it with an
// XMLHttpRequest when the page starts; that one request is held back until the search box gets
// focus (a click, the "/", "s" or "f" keys, or a ?q= link), then sent unchanged.
(function () {
  "use strict";
  var INDEX = /\/search\/search_index\.json(?:[?#]|$)/;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var held = [];
  var released = false;

  function release() {
    if (released) return;
    released = true;
    held.splice(0).forEach(function (start) { start(); });
  }

  XMLHttpRequest.prototype.open = function (method, url) {
    this.hbSearchIndex = INDEX.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this;
    var args = arguments;
    if (!request.hbSearchIndex || released) return send.apply(request, args);
    held.push(function () { send.apply(request, args); });
  };

  document.addEventListener("focusin", function (event) {
    var target = event.target;
    if (target && target.matches && target.matches("[data-md-component=search-query]")) release();
  }, true);
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search" && event.target.checked) release();
  }, true);
  if (/[?&]q=/.test(location.search)) release();
  window.HandbookSearch = { release: release, isReleased: function () { return released; } };
})();
