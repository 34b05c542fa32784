// Search, on the search page only (loaded with `defer`). It reads the index paperpress
// writes below search/ (see README, "Search"): index.json says which file holds which
// words; a query fetches only its words' files, the facets, and the records of the
// results it shows. Everything is shown with textContent: nothing from the index is
// ever parsed as HTML.
//
// Words are folded as paperpress folds them when it builds the index: decomposed (NFD),
// without combining marks, in lower case, so "poincare" finds "Poincaré". Stop words,
// single letters and bare numbers are left out on both sides.
"use strict";

(function () {
  var box = document.getElementById("search");
  if (!box) {
    return;
  }
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var root = box.getAttribute("data-root") || "./";
  var PAGE = 10;
  // Field weights: a word in the title or the authors ranks above one in the topics,
  // which ranks above one in the abstract, even as an unfinished word (0.9 of the
  // weight); how rare the word is only breaks ties.
  var FIELD_WEIGHT = [4, 4, 2, 1];

  function say(text) {
    status.textContent = text;
  }

  if (location.protocol === "file:") {
    say(
      "Search needs the site to be served over HTTP: browsers do not let a page opened " +
        "from a file read the search index. Run “paperpress serve”, or open the published site."
    );
    return;
  }

  var WORD = /[\p{Alphabetic}\p{N}\p{M}]+/gu;

  function fold(word) {
    // A final sigma is a sigma, as paperpress folds it.
    return word.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/ς/g, "σ");
  }

  var manifest = null;
  var stopWords = null;
  var facets = null;
  var files = new Map(); // url -> Promise of parsed JSON
  var indexUrl = new URL(box.getAttribute("data-index"), location.href);
  var termLists = new Map(); // term -> decoded lists, per field

  // A file of the index, by its path below search/. Files named with a version are
  // immutable; the others are checked with the server each time the page loads.
  function fetchJson(path, version) {
    var url = new URL(path + (version ? "?v=" + version : ""), indexUrl).href;
    if (!files.has(url)) {
      var loading = fetch(url, version ? {} : { cache: "no-cache" }).then(function (r) {
        if (!r.ok) {
          throw new Error(path + ": " + r.status);
        }
        return r.json();
      });
      // A failed fetch is tried again next time, not remembered.
      loading.catch(function () {
        files.delete(url);
      });
      files.set(url, loading);
    }
    return files.get(url);
  }

  function terms(query) {
    var found = [];
    (query.match(WORD) || []).forEach(function (w) {
      var t = fold(w);
      // Letters, not UTF-16 units: "𝑥" is one letter, as paperpress counts it.
      if (Array.from(t).length > 1 && !/^[0-9]+$/.test(t) && !stopWords.has(t) && found.indexOf(t) < 0) {
        found.push(t);
      }
    });
    return found;
  }

  // The term files a word needs: the one its exact form is in (the longest prefix of it
  // that names a file), and, for prefixes of longer words, the files below it (at most
  // a few: a word of two letters matches itself only when that would be many files).
  function filesFor(word) {
    var keys = manifest.termKeys;
    var exact = null;
    for (var n = word.length; n > 0 && exact === null; n--) {
      if (Object.prototype.hasOwnProperty.call(manifest.terms, word.slice(0, n))) {
        exact = word.slice(0, n);
      }
    }
    var below = keys.filter(function (k) {
      return k.length > word.length && k.slice(0, word.length) === word;
    });
    var wanted = exact === null ? [] : [exact];
    if (below.length <= 8) {
      wanted = wanted.concat(below);
    }
    return wanted;
  }

  function decode(lists) {
    return lists.map(function (gaps) {
      var doc = 0;
      return gaps.map(function (gap) {
        doc += gap;
        return doc;
      });
    });
  }

  // For one query word: each paper that has it, with its best score.
  function matches(word, shards) {
    var scores = new Map();
    var total = manifest.papers;
    shards.forEach(function (shard) {
      Object.keys(shard).forEach(function (term) {
        if (term.slice(0, word.length) !== word) {
          return;
        }
        var lists = termLists.get(term);
        if (!lists) {
          lists = decode(shard[term]);
          termLists.set(term, lists);
        }
        var df = lists.reduce(function (n, l) {
          return Math.max(n, l.length);
        }, 1);
        var rarity = Math.log(1 + total / df);
        var whole = term === word ? 1 : 0.9;
        lists.forEach(function (docs, field) {
          var score = FIELD_WEIGHT[field] * whole + rarity / 100;
          docs.forEach(function (doc) {
            if ((scores.get(doc) || 0) < score) {
              scores.set(doc, score);
            }
          });
        });
      });
    });
    return scores;
  }

  var ARXIV = /^(?:arxiv:)?((?:\d{4}\.\d{4,5})|(?:[a-z-]+(?:\.[a-z]{2})?\/\d{7}))(?:v\d+)?$/i;

  // The arXiv id the whole query is, lower case, without version; or null.
  function arxivId(query) {
    var m = query.trim().match(ARXIV);
    return m ? m[1].toLowerCase() : null;
  }

  function arxivMatch(query) {
    var id = arxivId(query);
    if (id === null) {
      return Promise.resolve(null);
    }
    var key = id.indexOf("/") >= 0 ? id.split("/")[0] : id.slice(0, 4);
    var file = manifest.ids[key];
    if (!file) {
      return Promise.resolve(null);
    }
    return fetchJson(file[0], file[1]).then(function (ids) {
      return Object.prototype.hasOwnProperty.call(ids, id) ? ids[id] : null;
    });
  }

  function dayNumber(value) {
    // Days since 1 January of year 1 (as chrono's num_days_from_ce), for <input type=date>.
    if (!value) {
      return null;
    }
    var t = Date.parse(value + "T00:00:00Z");
    return isNaN(t) ? null : Math.floor(t / 86400000) + 719163;
  }

  function filters() {
    var topics = Array.from(form.querySelectorAll("input[name=topic]:checked")).map(function (c) {
      return c.value;
    });
    var min = form.querySelector("input[name=min_upvotes]");
    return {
      topics: topics,
      from: dayNumber(form.querySelector("input[name=from]").value),
      to: dayNumber(form.querySelector("input[name=to]").value),
      minUpvotes: min && min.value !== "" ? Number(min.value) : null,
    };
  }

  var topicSlugs = Array.from(form.querySelectorAll("input[name=topic]")).map(function (c) {
    return c.value;
  });

  function passes(doc, f, wantTopics) {
    if (doc >= facets.dayOf.length) return false; // an index older than the facets
    var day = facets.dayOf[doc];
    if (f.from !== null && day < f.from) return false;
    if (f.to !== null && day > f.to) return false;
    if (f.minUpvotes !== null && !((facets.upvotes[doc] || 0) >= f.minUpvotes)) return false;
    if (wantTopics && !facets.doc_topics[doc].some(function (t) { return wantTopics.has(t); })) {
      return false;
    }
    return true;
  }

  var shown = [];
  var ranked = [];
  var generation = 0;

  // Runs the query. `go`: an arXiv id opens its paper (a query sent from a search box).
  function run(go) {
    var query = input.value;
    var id = arxivId(query);
    // An id is looked up as an id, not as the numbers it is made of.
    var words = id === null ? terms(query) : [];
    var mine = ++generation;
    var f = filters();
    var wantedFiles = new Set();
    words.forEach(function (w) {
      filesFor(w).forEach(function (k) {
        wantedFiles.add(k);
      });
    });
    var loads = Array.from(wantedFiles).map(function (k) {
      var file = manifest.terms[k];
      return fetchJson(file[0], file[1]).then(function (shard) {
        return [k, shard];
      });
    });
    return Promise.all([Promise.all(loads), arxivMatch(query), loadFacets()]).then(function (got) {
      if (mine !== generation) {
        return;
      }
      var shards = new Map(got[0]);
      var idDoc = got[1];
      if (idDoc !== null && go) {
        // An arXiv id from the header's box goes straight to its paper.
        return record(idDoc).then(function (doc) {
          location.replace(new URL(root + doc.path, location.href).href);
        });
      }
      var scores = null;
      words.forEach(function (w) {
        var own = matches(
          w,
          filesFor(w).map(function (k) {
            return shards.get(k);
          })
        );
        if (scores === null) {
          scores = own;
        } else {
          var both = new Map();
          scores.forEach(function (s, doc) {
            if (own.has(doc)) both.set(doc, s + own.get(doc));
          });
          scores = both;
        }
      });
      var candidates;
      if (id !== null) {
        candidates = idDoc === null ? [] : [[idDoc, Infinity]];
      } else if (scores === null) {
        // No words: every paper, newest first, to narrow down with the filters.
        candidates = [];
        for (var d = manifest.papers - 1; d >= 0; d--) candidates.push([d, 0]);
      } else {
        candidates = Array.from(scores.entries());
        candidates.sort(function (a, b) {
          return b[1] - a[1] || b[0] - a[0];
        });
      }
      // Counts per topic follow the query and the other filters, not the topics chosen.
      var counts = facets.topics.map(function () {
        return 0;
      });
      var wantTopics = f.topics.length
        ? new Set(
            f.topics
              .map(function (slug) {
                return topicSlugs.indexOf(slug);
              })
              .filter(function (i) {
                return i >= 0;
              })
          )
        : null;
      ranked = [];
      candidates.forEach(function (c) {
        var doc = c[0];
        if (id === null && !passes(doc, f, null)) return;
        (facets.doc_topics[doc] || []).forEach(function (t) {
          counts[t]++;
        });
        if (id !== null || !wantTopics || passes(doc, f, wantTopics)) ranked.push(doc);
      });
      counts.forEach(function (n, t) {
        var el = form.querySelector('[data-topic-count="' + t + '"]');
        if (el) el.textContent = n;
      });
      list.textContent = "";
      shown = [];
      var n = ranked.length;
      if (id !== null && idDoc === null) {
        say("No paper with the arXiv id " + id + " in this digest.");
        more.hidden = true;
        return;
      }
      if (id === null && words.length === 0 && !f.topics.length && f.from === null && f.to === null && f.minUpvotes === null) {
        say("Type to search " + manifest.papers + " papers.");
        more.hidden = true;
        return;
      }
      say(n === 0 ? "No papers found." : n === 1 ? "1 paper found." : n + " papers found.");
      return showMore(words);
    });
  }

  function loadFacets() {
    if (facets) {
      return Promise.resolve(facets);
    }
    return fetchJson("facets.json", null).then(function (raw) {
      var day = 0;
      raw.dayOf = raw.days.map(function (gap) {
        day += gap;
        return day;
      });
      facets = raw;
      return facets;
    });
  }

  function record(doc) {
    var per = manifest.docs_per_file;
    var k = Math.floor(doc / per);
    return fetchJson("docs/" + k + ".json", null).then(function (docs) {
      return docs[doc - k * per];
    });
  }

  function showMore(words) {
    var next = ranked.slice(shown.length, shown.length + PAGE);
    var mine = generation;
    return Promise.all(next.map(record)).then(function (docs) {
      if (mine !== generation) return;
      docs.forEach(function (doc, i) {
        if (doc) list.appendChild(result(doc, next[i], words));
        shown.push(next[i]);
      });
      more.hidden = shown.length >= ranked.length;
    });
  }

  function result(doc, number, words) {
    var li = document.createElement("li");
    li.className = "search-result";
    var h = document.createElement("h2");
    h.className = "search-result-title";
    var a = document.createElement("a");
    a.href = root + doc.path;
    mark(a, doc.title, words);
    h.appendChild(a);
    li.appendChild(h);
    if (doc.authors.length) {
      var by = document.createElement("p");
      by.className = "byline";
      var names = doc.authors.length > 6 ? doc.authors.slice(0, 5).concat(["et al."]) : doc.authors;
      mark(by, names.join(", "), words);
      li.appendChild(by);
    }
    var meta = document.createElement("p");
    meta.className = "search-result-meta muted";
    var time = document.createElement("time");
    time.dateTime = doc.date;
    time.textContent = doc.date_display;
    meta.appendChild(time);
    if (doc.arxiv) meta.appendChild(document.createTextNode(" · arXiv:" + doc.arxiv));
    if (typeof doc.upvotes === "number") meta.appendChild(document.createTextNode(" · ▲ " + doc.upvotes));
    var topics = (facets.doc_topics[number] || []).map(function (t) {
      return facets.topics[t].name;
    });
    if (topics.length) meta.appendChild(document.createTextNode(" · " + topics.join(", ")));
    li.appendChild(meta);
    var snippet = document.createElement("p");
    snippet.className = "search-snippet";
    mark(snippet, excerpt(doc.text, words), words);
    li.appendChild(snippet);
    return li;
  }

  // About 30 words of the text around its first word that matches the query.
  function excerpt(text, words) {
    var all = [];
    var m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text)) !== null) all.push(m);
    var at = all.findIndex(function (w) {
      return hits(fold(w[0]), words);
    });
    var start = Math.max(0, at - 10);
    var end = Math.min(all.length, start + 30);
    if (!all.length) return "";
    var from = start === 0 ? 0 : all[start].index;
    var last = all[end - 1];
    var to = end === all.length ? text.length : last.index + last[0].length;
    return (from > 0 ? "… " : "") + text.slice(from, to).trim() + (to < text.length ? " …" : "");
  }

  function hits(folded, words) {
    return words.some(function (w) {
      return folded.slice(0, w.length) === w;
    });
  }

  // Appends `text` to `el`, with the words that match the query in <mark>.
  function mark(el, text, words) {
    var last = 0;
    var m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text)) !== null) {
      if (!words.length || !hits(fold(m[0]), words)) continue;
      el.appendChild(document.createTextNode(text.slice(last, m.index)));
      var b = document.createElement("mark");
      b.textContent = m[0];
      el.appendChild(b);
      last = m.index + m[0].length;
    }
    el.appendChild(document.createTextNode(text.slice(last)));
  }

  // The query and filters in the address, so that a search can be shared and Back works.
  function remember() {
    var params = new URLSearchParams(new FormData(form));
    Array.from(params.keys()).forEach(function (k) {
      if (params.get(k) === "") params.delete(k);
    });
    var q = params.toString();
    history.replaceState(null, "", q ? "?" + q : location.pathname);
  }

  function fromAddress() {
    var params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    var chosen = params.getAll("topic");
    form.querySelectorAll("input[name=topic]").forEach(function (c) {
      c.checked = chosen.indexOf(c.value) >= 0;
    });
    ["from", "to", "min_upvotes"].forEach(function (name) {
      var el = form.querySelector("input[name=" + name + "]");
      if (el) el.value = params.get(name) || "";
    });
    if (chosen.length || params.get("from") || params.get("to") || params.get("min_upvotes")) {
      document.getElementById("search-filters").open = true;
    }
  }

  function failed(error) {
    say("Search is not available: the index could not be read (" + error.message + ").");
  }

  function update() {
    remember();
    run(false).catch(failed);
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    remember();
    run(true).then(function () {
      var first = list.querySelector("a");
      if (first) first.focus();
    }, failed);
  });
  input.addEventListener("input", update);
  form.addEventListener("change", function (e) {
    if (e.target !== input) update();
  });
  more.addEventListener("click", function () {
    var count = shown.length;
    showMore(terms(input.value)).then(function () {
      var links = list.querySelectorAll(".search-result-title a");
      if (links[count]) links[count].focus();
    }, failed);
  });

  // `/` focuses the box; arrow keys move between the results' links (Enter opens one).
  document.addEventListener("keydown", function (e) {
    var typing = e.target.closest && e.target.closest("input, textarea, select");
    if (e.key === "/" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      input.focus();
      input.select();
      return;
    }
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    if (typing && e.target !== input) return;
    var links = Array.from(list.querySelectorAll(".search-result-title a"));
    if (!links.length) return;
    var at = links.indexOf(document.activeElement);
    var next = e.key === "ArrowDown" ? at + 1 : at - 1;
    if (next < 0) {
      e.preventDefault();
      input.focus();
      return;
    }
    if (next < links.length) {
      e.preventDefault();
      links[next].focus();
    }
  });

  fromAddress();
  say("Loading the search index…");
  fetchJson(box.getAttribute("data-index"), null)
    .then(function (m) {
      manifest = m;
      manifest.termKeys = Object.keys(m.terms);
      stopWords = new Set(m.stop_words);
      return run(true);
    })
    .catch(failed);
})();
