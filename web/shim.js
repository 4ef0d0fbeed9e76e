// buildlog's page shim. It does the DOM and nothing else: fetch the engine,
// posts.json and the parts the engine asks for, hand bytes to the engine
// (core/, compiled to WebAssembly), put the HTML it returns into the page, and
// forward events. Routing, searching, filtering and all HTML are the engine's.
// Every view has its own address under the site's root, which each page names
// in its <base> (links and fetches resolve from the root, at any depth and
// under any subpath). The page arrives prerendered by the author tool; the
// engine takes over and renders every view in place through the History API.
'use strict';

(() => {
  const app = document.getElementById('app');
  const root = document.baseURI.split('#')[0];  // the site's root, from the page's <base>
  let engine = null;      // the engine, called through its binding (wasm/binding.js)
  let startEngine = null; // resolves to a fresh engine (start)
  let shown = null;       // the address of the view on screen
  let parts = new Map();  // part name -> its fetch, once per loaded posts.json
  let generation = 0;     // the newest render; older ones stop when it starts

  // The prerendered view stays readable; only search and in-place views need the engine.
  function showFatal(message) {
    document.getElementById('fatal-message').textContent = message;
    document.getElementById('fatal').hidden = false;
  }

  const reason = (error) => (error && error.message ? error.message : String(error));

  // Tells the engine why it has no blog: every view is then the error view,
  // whose "Try again" loads posts.json again. An engine out of memory traps
  // (it is built without C++ exceptions) and has stopped (wasm/binding.js):
  // a fresh one takes its place, also when telling it runs out of memory.
  async function failWith(error) {
    parts = new Map();
    try {
      if (!engine.stopped()) return engine.fail(reason(error));
    } catch {}  // telling it stopped it
    engine = await startEngine();
    engine.fail('The page\'s engine stopped, most likely out of memory.');
  }

  // Fetches a part the engine asked for and hands it over, or tells the
  // engine why it could not. Parts have content-hashed names: caches keep them.
  function fetchPart(name) {
    if (!parts.has(name)) {
      parts.set(name, (async () => {
        try {
          const response = await fetch(name);
          if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());
          engine.provide(name, new Uint8Array(await response.arrayBuffer()));
        } catch (error) {  // a trapped engine throws again here, and the render replaces it
          engine.failPart(name, `could not be fetched: ${reason(error)}`);
        }
      })());
    }
    return parts.get(name);
  }

  // The address of the location relative to the root ("post/x/"), or the
  // route in its hash for an address from before ("#/post/x").
  function address() {
    if (location.hash.startsWith('#/')) return location.hash;
    const here = location.href.split('#')[0];
    return here.startsWith(root) ? here.slice(root.length) : '';
  }

  // True when `html` is what the page shows already: the prerendered view,
  // as the engine renders it too, stays as it is (no flash, no second paint).
  function showing(html) {
    const parsed = document.createElement('template');
    parsed.innerHTML = html;
    return parsed.innerHTML === app.innerHTML;
  }

  // Puts the view for the current address into the page, fetching the parts
  // it needs first. Keeps the keyboard focus (and the caret, while typing a
  // search) on the element it was on.
  async function render({ moveFocus = false, scroll = 0 } = {}) {
    const mine = ++generation;
    const here = address();
    // A view needs at most a few rounds (a post: its slug's shard, then the post).
    let page;
    try {
      for (let round = 0; (page = engine.render(here)).status === 'needs'; ++round) {
        if (round === 8) {  // the engine keeps asking: a bug, shown as a failed part
          page.needs.forEach((name) => engine.failPart(name, 'was provided but not taken'));
          continue;
        }
        app.setAttribute('aria-busy', 'true');
        await Promise.all(page.needs.map(fetchPart));
        if (mine !== generation) return;  // a newer render took over
      }
    } catch (error) {  // the engine stopped: a fresh one says so
      await failWith(error);
      if (mine !== generation) return;
      page = engine.render(here);
    }
    app.removeAttribute('aria-busy');

    const first = shown === null;
    shown = here;
    if (first && showing(page.html)) return;

    const focusedId = document.activeElement && document.activeElement.id;
    const input = focusedId ? document.activeElement : null;
    const caret = input && 'selectionStart' in input ? [input.selectionStart, input.selectionEnd] : null;
    app.innerHTML = page.html;
    document.title = page.title;

    const again = focusedId && !moveFocus ? document.getElementById(focusedId) : null;
    if (again) {
      again.focus();
      if (caret && again.setSelectionRange) again.setSelectionRange(caret[0], caret[1]);
    } else if (moveFocus) {
      const main = document.getElementById('main');
      if (main) main.focus({ preventScroll: true });
      if (!scrollToSpot()) window.scrollTo(0, scroll);
    }
    performance.mark('buildlog:rendered');
  }

  // Scrolls to the spot the address's fragment names (a heading, say); false when there is none.
  function scrollToSpot() {
    const target = location.hash.length > 1 && !location.hash.startsWith('#/') && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    return target ? (target.scrollIntoView(), true) : false;
  }

  // Typing in the search box: the first keystroke adds a history entry, the
  // rest replace it, so Back leaves the search in one step.
  function onSearchInput(input) {
    try {
      const next = root + engine.searchAddress(input.value);
      if (engine.address(address()).startsWith('search/')) history.replaceState(null, '', next);
      else go(next);
    } catch {}  // the engine stopped: the render replaces it
    render();
  }

  // A new view's history entry, with an id: `places` keeps where the reader
  // was on each entry, for Back and Forward to return to once the view is
  // rendered again.
  const places = new Map();
  const entry = () => history.state && history.state.id;
  function go(url) {
    places.set(entry(), scrollY);
    history.pushState({ id: performance.now() }, '', url);
  }

  // A stopped engine routes nothing: the browser loads the link's page, which starts a fresh one.
  const routes = (path) => { try { return engine.routes(path); } catch { return false; } };

  // A click on a link to one of the engine's views under the root renders it
  // here; links to files, to other sites, to a spot on this page, or opened
  // elsewhere (a modifier key, target, download) are the browser's.
  function onLinkClick(event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = event.target.closest('a[href]');
    if (!link || link.target || link.hasAttribute('download') || link.getAttribute('href').startsWith('#')) return;
    const [path, spot] = link.href.slice(root.length).split('#');
    if (!link.href.startsWith(root) || !routes(path)) return;
    event.preventDefault();
    go(link.href);
    if (spot !== undefined && path === shown) scrollToSpot();  // a spot on the view shown: only the place changes
    else render({ moveFocus: true });
  }

  function listen() {
    document.addEventListener('click', onLinkClick);
    // Back and Forward: a new view, unless only the spot on the page changed (a reload is the browser's).
    window.addEventListener('scroll', () => places.set(entry(), scrollY), { passive: true });
    window.addEventListener('popstate', () => {
      if (address() !== shown) render({ moveFocus: true, scroll: places.get(entry()) });
    });
    app.addEventListener('input', (event) => {
      if (event.target.id === 'search-input') onSearchInput(event.target);
    });
    app.addEventListener('submit', (event) => {
      if (!event.target.matches('[data-search]')) return;
      event.preventDefault();
      const main = document.getElementById('main');
      if (main) main.focus();
    });
    // The author's live preview (buildlog serve) says when the blog was rebuilt.
    window.addEventListener('buildlog:rebuilt', () => loadBundle().then(() => render()));
    // "Try again" on the error view: fetch posts.json again into the same engine.
    app.addEventListener('click', (event) => {
      if (!event.target.closest('[data-reload]')) return;
      loadBundle().then(() => render({ moveFocus: true }));
    });
    // In-page targets (the skip link) would change the route: focus instead.
    app.addEventListener('click', (event) => {
      const link = event.target.closest('[data-focus]');
      if (!link) return;
      event.preventDefault();
      const target = document.getElementById(link.dataset.focus);
      if (target) target.focus();
    });
  }

  async function fetchBundle() {
    // Default cache mode, so the page's preload of posts.json is used; hosts
    // serve posts.json for revalidation (docs/bundle-format.md).
    const response = await fetch('posts.json');
    if (!response.ok) throw new Error(`posts.json could not be fetched: HTTP ${response.status} ${response.statusText}`.trim());
    return new Uint8Array(await response.arrayBuffer());
  }

  // Hands posts.json to the engine, or tells it why there is none; true when it loaded.
  async function loadBundle(bundle = fetchBundle()) {
    parts = new Map();
    try {
      return engine.load(await bundle) === 0;
    } catch (error) {
      await failWith(error);
      return false;
    }
  }

  async function start() {
    performance.mark('buildlog:start');
    const bundle = fetchBundle();  // in parallel with compiling the engine
    bundle.catch(() => {});  // handled in loadBundle, once the engine can show it
    try {
      // The page names the engine's content-hashed wasm in its preload link.
      const wasm = document.querySelector('link[rel=preload][href$=".wasm"]');
      startEngine = () => createBuildlogEngine({ locateFile: (name, directory) => (wasm ? wasm.href : directory + name) });  // eslint-disable-line no-undef
      engine = await startEngine();
      performance.mark('buildlog:engine-ready');
    } catch (error) {
      showFatal(`The page's engine could not start: ${reason(error)}`);
      return;
    }
    // Without posts.json a prerendered page stays as it is (its links load pages), the reasons above it.
    if (!(await loadBundle(bundle)) && !app.querySelector('.loading')) {
      const view = document.createElement('template');
      view.innerHTML = engine.render(address()).html;
      return showFatal(Array.from(view.content.querySelectorAll('h1 + p, .problems li'), (e) => e.textContent).join(' '));
    }
    // An address from before (#/post/x) or without its trailing slash takes its canonical form.
    const here = address();
    if (engine.routes(here) && engine.address(here) !== here) history.replaceState(null, '', root + engine.address(here));
    listen();
    await render();
    performance.mark('buildlog:first-render');
  }

  start();
})();
