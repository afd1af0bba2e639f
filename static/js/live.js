/* The timeline's live mode (timeline/live.py): ask now and then how many events went public
   since this page was made, and offer them in a polite notice instead of moving the list under
   the reader. Without this script the page is a plain page: the notice's button stays hidden. */
(() => {
  "use strict";

  const LONGEST_WAIT = 15 * 60 * 1000; // the slowest a failing server is asked again

  function follow(region) {
    const button = region.querySelector("button");
    const address = new URL(region.dataset.liveUrl, window.location.href);
    address.searchParams.set("since", region.dataset.liveSince);
    const every = Math.max(1, Number(region.dataset.liveSeconds) || 30) * 1000;
    let wait = every;
    let timer = null;
    let stopped = false;
    let asking = false;

    function later(ms) {
      window.clearTimeout(timer);
      timer = stopped || document.hidden ? null : window.setTimeout(ask, ms);
    }

    async function ask() {
      timer = null;
      asking = true;
      try {
        // The browser revalidates with the page's ETag; an unchanged answer costs a 304.
        const response = await fetch(address, { headers: { Accept: "application/json" } });
        if (response.status >= 400 && response.status < 500) {
          stopped = true; // asking again would get the same refusal
          return;
        }
        if (!response.ok) throw new Error(`the server answered ${response.status}`);
        announce((await response.json()).count);
        wait = every;
      } catch {
        wait = Math.min(wait * 2, LONGEST_WAIT);
      } finally {
        asking = false;
      }
      later(wait);
    }

    // The button carries its words for each plural category of the page's language.
    const plurals = new Intl.PluralRules(button.dataset.language || "en");

    function announce(count) {
      if (count > 0) {
        const category = plurals.select(count);
        const words = button.dataset[category] || button.dataset.other;
        button.textContent = words.replace("{count}", count);
      }
      button.hidden = count < 1;
    }

    function onVisibility() {
      if (!region.isConnected) {
        document.removeEventListener("visibilitychange", onVisibility);
      } else if (document.hidden) {
        later(0); // clears the timer: a hidden tab asks nothing
      } else if (timer === null && !asking) {
        later(0);
      }
    }

    button.addEventListener("click", () => {
      stopped = true;
      window.clearTimeout(timer);
      button.disabled = true;
      button.textContent = button.dataset.loading;
      refresh().catch(() => window.location.reload());
    });
    document.addEventListener("visibilitychange", onVisibility);
    later(every);
  }

  /* Swap in the page as it is now, keep the reader's place at the top of the list, mark what
     is new and move focus to it, so a screen reader user lands where the change is. */
  async function refresh() {
    const main = document.querySelector("main");
    const seen = new Set(links(main).map((link) => link.href));
    const response = await fetch(window.location.href, { headers: { Accept: "text/html" } });
    if (!response.ok) throw new Error(`the server answered ${response.status}`);
    const fresh = new DOMParser().parseFromString(await response.text(), "text/html");
    const content = fresh.querySelector("main");
    content.querySelectorAll("script").forEach((script) => script.remove());
    main.replaceChildren(...content.childNodes);
    document.title = fresh.title;
    const added = links(main).filter((link) => !seen.has(link.href));
    added.forEach((link) => link.closest("li").classList.add("tl-new"));
    const target = added.length ? added[0] : main.querySelector(".tl-count") || main;
    if (!added.length) target.tabIndex = -1;
    target.focus();
    start();
  }

  function links(main) {
    return Array.from(main.querySelectorAll("ol.timeline li > article h3 a"));
  }

  function start() {
    const region = document.querySelector(".tl-live[data-live-url]");
    if (region) follow(region);
  }

  start();
})();
