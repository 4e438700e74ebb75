// The handbook's search engine, behind Material's own search box: a Web Worker that speaks Material's
// worker protocol (SETUP, READY, QUERY, RESULT; see Material's integrations/search/worker) and ranks with
// MiniSearch (BM25 over named fields, prefix and fuzzy matching), vendored in javascripts/vendor/.
//
// One result is one question: its title, its topic, its level and a snippet from the answer tab that
// matched; the link opens that tab (?tab=). Terms are code-aware (select_related, request.data, N+1,
// @action stay whole and also match by their parts), British and American spellings meet, a query
// term may be one edit away (words of five letters or more), and the synonyms table of the index
// (content/search-synonyms.yml) widens a query. The index itself is written by the build (handbook.search_index).
/* global MiniSearch */

var SETUP = 0;
var READY = 1;
var QUERY = 2;
var RESULT = 3;

var FIELDS = ["title", "aliases", "keywords", "errors", "junior", "mid", "senior", "code", "text"];
var TABS = ["junior", "mid", "senior"];
var TAB_TITLES = { junior: "Junior", mid: "Mid", senior: "Senior" };
var BOOST = { title: 4, aliases: 2.5, keywords: 3, errors: 2.5, junior: 1, mid: 1, senior: 1, code: 0.5, text: 1 };
var PAGE_BOOST = 0.4; // hand-written pages (review, study plan...) rank below questions
var PART_BOOST = 0.35; // "select" and "related" of a typed select_related
var WIDENED_BOOST = 0.4; // terms a synonym group added to the query
var FUZZY_WEIGHT = 0.45; // a near match counts this much of an exact one...
var PREFIX_WEIGHT = 0.375;
// ...unless the typed word is in no document at all: then it is a misspelling, and its near matches
// count in full (so that "paginaton" weighs as much as a correctly typed word beside it).
var MAX_RESULTS = 20;
var SNIPPET_WORDS = 28;

// Function words carry no subject; dropping them keeps plain-language asks from matching everything.
var STOP = new Set(("a an and are as at be by can could do does for from how i if in into is it its me my of on " +
  "or our should so that the their them then there these this to was we what when where which who why will " +
  "with would you your").split(" "));

// British spellings and their American forms; both sides of the index and the query go through this.
var WORDS = {
  behaviour: "behavior", behaviours: "behaviors", licence: "license", licences: "licenses", defence: "defense",
  colour: "color", favour: "favor", favourite: "favorite", honour: "honor", neighbour: "neighbor",
  catalogue: "catalog", dialogue: "dialog", centre: "center", centres: "centers", grey: "gray",
  cancelled: "canceled", cancelling: "canceling", modelling: "modeling", modelled: "modeled",
  labelled: "labeled", labelling: "labeling", travelling: "traveling", signalled: "signaled",
  signalling: "signaling", queueing: "queuing", judgement: "judgment", programme: "program",
  analyse: "analyze", analysed: "analyzed", analyses: "analyzes", analysing: "analyzing",
  paralyse: "paralyze", enrol: "enroll", fulfil: "fulfill", practise: "practice"
};
// -ise, -isation, -iser... become -ize...; these words are spelled with -is- everywhere.
var ISE_EXCEPTIONS = new Set(("advise advised advises advising arise arises arising comprise comprises concise " +
  "compromise compromised compromises devise devised enterprise enterprises exercise exercises exercised " +
  "expertise franchise likewise noise otherwise precise premise premises promise promises promised raise " +
  "raised raises raising revise revised revision rise rises surprise surprised surprising supervise " +
  "supervised supervisor televise wise disguise paradise cruise treatise merchandise chastise despise " +
  "incise excise circumcise improvise improvised advertise advertised advertising isolation").split(" "));
var ISE = /^(.{3,}?)is(e|es|ed|ing|ation|ations|er|ers|able)$/;

var docs = [];
var engine = null;
var stem = null; // Porter's stemmer, loaded with the engine
var synonyms = [];
var askedFor = { suggest: false };

function american(word) {
  if (Object.prototype.hasOwnProperty.call(WORDS, word)) return WORDS[word];
  if (word.length > 5 && !ISE_EXCEPTIONS.has(word)) {
    var match = ISE.exec(word);
    if (match) return match[1] + "iz" + match[2];
  }
  return word;
}

// The terms of one token: its lower-case form and, for a compound code name (select_related,
// request.data, IsAuthenticated, read-only), each dotted piece and each part. Stop words give none.
function termsOf(token) {
  var bare = token.replace(/^[.\-+:']+|[.\-:']+$/g, "");
  var at = bare.charAt(0) === "@";
  var word = at ? bare.slice(1) : bare;
  if (!word) return [];
  var out = [];
  function add(term) {
    term = american(term.toLowerCase());
    if (term && !STOP.has(term) && out.indexOf(term) < 0) out.push(term);
  }
  var pieces = word.split(".");
  // A plain word also gives its Porter stem (throttling, throttled -> throttl); the word itself stays, so
  // a misspelling can still be one edit from it.
  if (/^[a-z]{4,}$/i.test(word) && stem) {
    var stemmed = stem(american(word.toLowerCase()));
    add(word);
    if (stemmed.length > 2) add(stemmed);
    return out;
  }
  // A long dotted path (django.middleware.csrf.CsrfViewMiddleware) is indexed by its pieces only:
  // readers type the pieces, and a prefix query would otherwise match every path that shares its start.
  if (pieces.length <= 2) add(word);
  if (at) out.push("@" + word.toLowerCase());
  if (/[._\-]/.test(word) || /[a-z0-9][A-Z]/.test(word)) {
    if (pieces.length > 1) pieces.forEach(add);
    word.split(/[._\-]+/).forEach(function (piece) {
      (piece.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+/g) || []).forEach(function (part) {
        if (part.length > 1) add(part);
      });
    });
  }
  return out;
}

function tokenize(text) {
  return String(text).split(/[\s,;!?()[\]{}"`<>|=*/\\~^$%&#]+/);
}

function processTerm(term) {
  var terms = termsOf(term);
  return terms.length ? terms : null;
}

// In a query, a compound name's parts count for less than the name itself.
var partTerms = new Set();
function processQueryTerm(term) {
  var terms = termsOf(term);
  terms.slice(1).forEach(function (part) { if (part.charAt(0) !== "@") partTerms.add(part); });
  return terms.length ? terms : null;
}

// The synonyms table: a query naming one member of a group also asks for the others. A member of
// several words ("rate limit") is asked for as a whole: all its words must match.
function synonymsOf(query) {
  var lower = " " + query.toLowerCase().replace(/[?!.,;:]+/g, " ").replace(/\s+/g, " ") + " ";
  var extra = [];
  synonyms.forEach(function (group) {
    var hit = group.some(function (member) { return lower.indexOf(" " + member + " ") >= 0; });
    if (!hit) return;
    group.forEach(function (member) { if (lower.indexOf(" " + member + " ") < 0) extra.push(member); });
  });
  return extra;
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, function (c) {
    return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }[c];
  });
}

// Wrap each word of a text whose terms were matched in <mark>.
function mark(text, matched) {
  return text.split(/(\s+)/).map(function (piece) {
    if (!piece.trim()) return piece;
    var hit = tokenize(piece).some(function (token) {
      return termsOf(token).some(function (term) { return matched.has(term); });
    });
    return hit ? "<mark>" + escapeHtml(piece) + "</mark>" : escapeHtml(piece);
  }).join("");
}

// The tab whose text matched the most distinct query terms; "" when the tabs tie (the reader's level stays).
function bestTab(result) {
  var counts = { junior: 0, mid: 0, senior: 0 };
  Object.keys(result.match).forEach(function (term) {
    result.match[term].forEach(function (field) { if (field in counts) counts[field] += 1; });
  });
  var best = TABS.reduce(function (a, b) { return counts[b] > counts[a] ? b : a; });
  var tie = TABS.every(function (tab) { return counts[tab] === counts[best]; });
  return tie ? "" : best;
}

function snippet(text, matched) {
  var words = String(text || "").split(/\s+/).filter(Boolean);
  if (!words.length) return "";
  var first = words.findIndex(function (word) {
    return tokenize(word).some(function (token) {
      return termsOf(token).some(function (term) { return matched.has(term); });
    });
  });
  var start = Math.max(0, (first < 0 ? 0 : first) - 8);
  var piece = words.slice(start, start + SNIPPET_WORDS).join(" ");
  return (start > 0 ? "… " : "") + mark(piece, matched) + (start + SNIPPET_WORDS < words.length ? " …" : "");
}

function render(result, query) {
  var doc = docs[result.id];
  var matched = new Set(result.terms);
  if (doc.kind !== "question") {
    return {
      location: doc.location, title: mark(doc.title, matched), score: result.score, terms: query,
      text: "<p>" + snippet(doc.text, matched) + "</p>"
    };
  }
  var tab = bestTab(result);
  var level = '<span class="hb-level hb-level--' + doc.level + '">' + TAB_TITLES[doc.level] + " question</span>";
  var where = '<span class="hb-result-topic">' + escapeHtml(doc.topic) + "</span>" +
    (tab ? ' <span class="hb-result-tab">· ' + TAB_TITLES[tab] + " answer</span>" : "");
  return {
    location: doc.location + (tab ? "?tab=" + tab : ""),
    title: mark(doc.title, matched),
    score: result.score,
    terms: query,
    text: '<p class="hb-result-meta">' + level + " " + where + "</p><p>" + snippet(doc[tab || doc.level], matched) + "</p>"
  };
}

// Is a term in no document? (Looked up once per term and query.)
var known = new Map();
function unknown(term) {
  if (!known.has(term)) known.set(term, engine.search(term, { processTerm: function (t) { return t; } }).length > 0);
  return !known.get(term);
}

function search(value) {
  var query = value.trim();
  if (!query) return { items: [] };
  partTerms = new Set();
  var widened = synonymsOf(query).map(function (member) {
    return { queries: [member], combineWith: "AND", prefix: false, fuzzy: false,
             boostTerm: function () { return WIDENED_BOOST; } };
  });
  var results = engine.search({ combineWith: "OR", queries: [query].concat(widened) }, {
    processTerm: processQueryTerm,
    boostTerm: function (term) {
      var boost = partTerms.has(term) ? PART_BOOST : 1;
      return unknown(term) ? boost / FUZZY_WEIGHT : boost;
    },
    boost: BOOST,
    prefix: function (term, i, terms) { return term.length >= 3 && i === terms.length - 1 && !/\s$/.test(value); },
    fuzzy: function (term) { return term.length >= 5 ? 1 : false; },
    weights: { fuzzy: FUZZY_WEIGHT, prefix: PREFIX_WEIGHT },
    boostDocument: function (id) { return docs[id].kind === "question" ? 1 : PAGE_BOOST; }
  }).slice(0, MAX_RESULTS);
  var typed = {};
  tokenize(query).forEach(function (token) {
    var terms = termsOf(token);
    if (terms.length && !STOP.has(terms[0])) {
      typed[token.toLowerCase()] = results.some(function (r) { return r.queryTerms.indexOf(terms[0]) >= 0; });
    }
  });
  var items = results.map(function (result) { return [render(result, typed)]; });
  var out = { items: items };
  if (askedFor.suggest && results.length) {
    var last = tokenize(query).pop().toLowerCase();
    var completion = last.length > 1 && results[0].terms.find(function (term) {
      return term.indexOf(last) === 0 && term !== last;
    });
    if (completion) out.suggest = [completion];
  }
  return out;
}

function setup(data) {
  // Fetched here, not when the worker starts: the engine loads with the index, when search is opened.
  self.exports = {}; // the stemmer's CommonJS wrapper publishes on `exports`
  importScripts("vendor/minisearch-7.2.0.js", "vendor/porter-stemmer-0.9.1.js");
  stem = self.exports.memoizingStemmer;
  docs = data.docs;
  synonyms = ((data.config && data.config.handbook && data.config.handbook.synonyms) || []).map(function (group) {
    return group.map(function (member) { return member.toLowerCase(); });
  });
  askedFor = data.options || {};
  engine = new MiniSearch({ fields: FIELDS, tokenize: tokenize, processTerm: processTerm });
  engine.addAll(docs.map(function (doc, id) {
    var entry = { id: id };
    FIELDS.forEach(function (field) { if (doc[field]) entry[field] = doc[field]; });
    return entry;
  }));
}

self.addEventListener("message", function (event) {
  var message = event.data;
  if (message.type === SETUP) {
    setup(message.data);
    self.postMessage({ type: READY });
  } else if (message.type === QUERY) {
    self.postMessage({ type: RESULT, data: engine ? search(message.data) : { items: [] } });
  }
});
