// buildlog's page shim. It does the DOM and nothing else: fetch the engine,
// posts.json and the parts the engine asks for, hand bytes to the engine
// (core/, compiled to WebAssembly), put the HTML it returns into the page, and
// forward events. Routing, searching, filtering and every piece of HTML come
// from the engine.
'use strict';

(() => {
  const app = document.getElementById('app');
  let engine = null;      // the engine, called through its binding (wasm/binding.js)
  let parts = new Map();  // part name -> its fetch, once per loaded posts.json
  let generation = 0;     // the newest render; older ones stop when it starts

  function showFatal(message) {
    document.getElementById('fatal-message').textContent = message;
    document.getElementById('fatal').hidden = false;
    app.hidden = true;
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
        } catch (error) {
          engine.failPart(name, `could not be fetched: ${error && error.message ? error.message : error}`);
        }
      })());
    }
    return parts.get(name);
  }

  // Puts the view for the current hash into the page, fetching the parts it
  // needs first. Keeps the keyboard focus (and the caret, while typing a
  // search) on the element it was on.
  async function render({ moveFocus = false } = {}) {
    const mine = ++generation;
    const hash = location.hash;
    // A view needs at most a few rounds (a post: its slug's shard, then the post).
    let page;
    for (let round = 0; (page = engine.render(hash)).status === 'needs'; ++round) {
      if (round === 8) {  // the engine keeps asking: a bug, shown as a failed part
        page.needs.forEach((name) => engine.failPart(name, 'was provided but not taken'));
        continue;
      }
      app.setAttribute('aria-busy', 'true');
      await Promise.all(page.needs.map(fetchPart));
      if (mine !== generation) return;  // a newer render took over
    }
    app.removeAttribute('aria-busy');

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
      window.scrollTo(0, 0);
    }
    performance.mark('buildlog:rendered');
  }

  // Typing in the search box: the first keystroke adds a history entry, the
  // rest replace it, so Back leaves the search in one step.
  function onSearchInput(input) {
    const hash = engine.searchAddress(input.value);
    if (location.hash.startsWith('#/search')) history.replaceState(null, '', hash);
    else history.pushState(null, '', hash);
    render();
  }

  function listen() {
    // Back and Forward between views change the hash too: this one event covers them.
    window.addEventListener('hashchange', () => render({ moveFocus: true }));
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

  // Hands posts.json to the engine, or tells it why there is none.
  async function loadBundle(bundle = fetchBundle()) {
    parts = new Map();
    try {
      engine.load(await bundle);
    } catch (error) {
      engine.fail(error && error.message ? error.message : error);
    }
  }

  async function start() {
    performance.mark('buildlog:start');
    const bundle = fetchBundle();  // in parallel with compiling the engine
    bundle.catch(() => {});  // handled in loadBundle, once the engine can show it
    try {
      engine = await createBuildlogEngine();  // eslint-disable-line no-undef
      performance.mark('buildlog:engine-ready');
    } catch (error) {
      showFatal(`The page's engine could not start: ${error && error.message ? error.message : error}`);
      return;
    }
    await loadBundle(bundle);
    listen();
    await render();
    performance.mark('buildlog:first-render');
  }

  start();
})();
