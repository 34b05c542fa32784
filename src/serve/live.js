// Live reload for `paperpress serve` (added to pages as they are served, never built
// into the site). Long-polls the server; after each build it refreshes this page if the
// build changed it, swaps changed stylesheets in place, or shows the build's errors.
(() => {
  "use strict";
  const script = document.currentScript;
  const events = script.dataset.events;
  let generation = Number(script.dataset.generation);
  let first = true;

  // The output file this page was served from: "/papers/x/" is "papers/x/index.html".
  const here = (() => {
    let path = decodeURIComponent(location.pathname).replace(/^\/+/, "");
    if (path === "" || path.endsWith("/")) path += "index.html";
    return path;
  })();

  const overlayId = "paperpress-build-errors";

  function showErrors(errors, built) {
    hideErrors();
    const box = document.createElement("div");
    box.id = overlayId;
    box.setAttribute("role", "alert");
    box.style.cssText =
      "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;" +
      "margin:0;padding:1rem 1.25rem;background:#1f1f1f;color:#fff;border-top:4px solid #d33;" +
      "font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;text-align:left";
    const title = document.createElement("strong");
    title.textContent = `Build failed with ${errors.length} error${errors.length === 1 ? "" : "s"}` +
      (built ? " (the page shows the last good build; save a fix to clear this)" : " (save a fix to clear this)");
    box.append(title);
    const list = document.createElement("ul");
    list.style.cssText = "margin:.5rem 0 0;padding-left:1.25rem";
    for (const e of errors) {
      const item = document.createElement("li");
      const where = document.createElement("span");
      where.style.cssText = "color:#ffb4b4";
      where.textContent = e.line ? `${e.file}:${e.line}` : e.file;
      item.append(where, document.createTextNode(`: ${e.message}`));
      list.append(item);
    }
    box.append(list);
    document.body.append(box);
  }

  function hideErrors() {
    document.getElementById(overlayId)?.remove();
  }

  // Whether this page loads the output file (an image, a script, an icon). Links that only
  // name a file (a feed's rel="alternate", rel="canonical") do not load it: another
  // paper's edit changes the feeds every page names, and must not reload this one.
  const loaded = "[src], link[href][rel~=icon], link[href][rel~=stylesheet], " +
    "link[href][rel~=preload], link[href][rel~=modulepreload], link[href][rel~=manifest]";
  function isShownHere(file) {
    return Array.from(document.querySelectorAll(loaded)).some((e) => {
      const url = new URL(e.getAttribute("src") ?? e.getAttribute("href"), location.href);
      return url.origin === location.origin && decodeURIComponent(url.pathname).replace(/^\/+/, "") === file;
    });
  }

  function refreshStylesheets(changed) {
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const url = new URL(link.href);
      const file = decodeURIComponent(url.pathname).replace(/^\/+/, "");
      if (changed.includes(file)) {
        url.searchParams.set("paperpress", String(generation));
        link.href = url.href;
      }
    }
  }

  // The stylesheets a document links, without the version this script adds.
  function stylesheets(doc) {
    return Array.from(doc.querySelectorAll('link[rel="stylesheet"]'), (link) => {
      const url = new URL(link.getAttribute("href"), location.href);
      url.searchParams.delete("paperpress");
      return url.href;
    }).join("\n");
  }

  // Fetches the page again and swaps its body in: quicker than a reload (the stylesheets
  // are not fetched again, nothing flashes) and the scroll position stays. A page that
  // links other stylesheets now is reloaded instead.
  async function refresh() {
    try {
      const response = await fetch(location.href, { cache: "no-store" });
      const next = new DOMParser().parseFromString(await response.text(), "text/html");
      if (stylesheets(next) !== stylesheets(document)) {
        location.reload();
        return;
      }
      document.title = next.title;
      // Scripts in the new body do not run, so this one stays the only poller.
      document.body.replaceWith(next.body);
    } catch {
      location.reload();
    }
  }

  // A build's news: first what changed (a good build may come before a broken one in
  // the same answer), then the errors of the latest build, if any.
  async function apply(event) {
    generation = event.generation;
    const changed = event.changed;
    if (changed === null) {
      // Too much to list, or a new server: reload (the page asks for errors again).
      location.reload();
      return;
    }
    const others = changed.filter((f) => !f.endsWith(".css"));
    refreshStylesheets(changed.filter((f) => f.endsWith(".css")));
    if (others.includes(here)) {
      await refresh();
    } else if (others.some(isShownHere)) {
      // A file the page shows (an image, say) changed.
      location.reload();
      return;
    }
    if (event.errors.length > 0) {
      showErrors(event.errors, event.built);
    } else {
      hideErrors();
    }
  }

  async function poll() {
    for (;;) {
      try {
        const response = await fetch(
          `${events}?since=${generation}${first ? "&initial=1" : ""}`,
          { cache: "no-store" },
        );
        if (!response.ok) throw new Error(String(response.status));
        first = false;
        await apply(await response.json());
      } catch {
        // The server restarted or stopped: try again shortly.
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  }

  poll();
})();
