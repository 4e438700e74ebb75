// Accessibility fixes for the theme's own markup: the search dialog needs an accessible name.
(function () {
  "use strict";
  var search = document.querySelector(".md-search[role=dialog]");
  if (search && !search.hasAttribute("aria-label")) search.setAttribute("aria-label", "Search the handbook");
})();
