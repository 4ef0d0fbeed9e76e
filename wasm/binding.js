// The engine's JavaScript binding, appended to engine.js by the build
// (--post-js), so that the page's shim, the Node tests and the benchmarks all
// call the engine one way. It adds these methods to the module that
// createBuildlogEngine() resolves to; strings go in as UTF-8 (or bytes as
// they are) and come out as strings, copied, so nothing returned points into
// the engine's memory. Out of memory, a call throws, and so does every
// call after it (blCall).
//
//   stopped()                true once a call has thrown: start a fresh engine
//   load(bytes)              posts.json; returns the number of problems (0: loaded)
//   fail(why)                posts.json could not be fetched
//   render(address)          {status, html, title, needs} for an address relative to the
//                            site's root: status 'found', 'not-found' or 'needs' (then
//                            fetch each of `needs`, provide it, render again)
//   routes(address)          true when the address names one of the engine's views
//   provide(name, bytes)     a part render asked for; false when it has problems
//   failPart(name, why)      a part could not be fetched
//   address(address)         the canonical form of an address ("#/post/x" -> "post/x/")
//   searchAddress(query)     the address of a search for `query`
//   markdown(text)           HTML for a Markdown document, with the default policy; named
//                            references other than a post's own stay as written (the engine
//                            has no table of HTML's: core/engine/entities.hpp)

var blEncoder = new TextEncoder();
var blDecoder = new TextDecoder();

// The engine is built without C++ exceptions: when it runs out of memory it
// traps, mid-call, and its memory is no longer to be trusted. The first
// trap (or a call's input that no longer fits) is kept and thrown again by
// every later call: the engine has stopped, and the page starts a fresh one
// (web/shim.js).
var blTrap = null;

// Copies each argument into the engine, calls fn(ptr, size, ...), frees them.
function blCall(fn, args) {
  if (blTrap) throw blTrap;
  var blocks = [];
  try {
    var flat = [];
    for (var i = 0; i < args.length; i++) {
      var bytes = typeof args[i] === 'string' ? blEncoder.encode(args[i]) : args[i];
      var ptr = Module['_bl_alloc'](bytes.length);
      if (ptr === 0) throw (blTrap = new Error('the engine is out of memory'));
      blocks.push(ptr);
      HEAPU8.set(bytes, ptr);
      flat.push(ptr, bytes.length);
    }
    try {
      return fn.apply(null, flat);
    } catch (trap) {
      throw (blTrap = trap);
    }
  } finally {
    if (!blTrap) blocks.forEach(function (ptr) { Module['_bl_free'](ptr); });
  }
}

function blString(ptr, size) {
  return blDecoder.decode(HEAPU8.subarray(ptr, ptr + size));
}

Module['stopped'] = function () { return blTrap !== null; };
Module['load'] = function (bytes) { return blCall(Module['_bl_load'], [bytes]); };
Module['fail'] = function (why) { blCall(Module['_bl_fail'], [String(why)]); };
Module['render'] = function (address) {
  var status = blCall(Module['_bl_render'], [address]);
  var needs = status === 2 ? blString(Module['_bl_text'](), Module['_bl_text_size']()).split('\n').filter(Boolean) : [];
  return {
    status: status === 2 ? 'needs' : status === 1 ? 'found' : 'not-found',
    html: blString(Module['_bl_html'](), Module['_bl_html_size']()),
    title: blString(Module['_bl_title'](), Module['_bl_title_size']()),
    needs: needs,
  };
};
Module['provide'] = function (name, bytes) { return blCall(Module['_bl_provide'], [name, bytes]) === 1; };
Module['failPart'] = function (name, why) { blCall(Module['_bl_fail_part'], [name, String(why)]); };
Module['routes'] = function (address) { return blCall(Module['_bl_routes'], [address]) === 1; };
Module['address'] = function (address) {
  blCall(Module['_bl_address'], [address]);
  return blString(Module['_bl_text'](), Module['_bl_text_size']());
};
Module['searchAddress'] = function (query) { return Module['address']('search/?q=' + encodeURIComponent(query)); };
Module['markdown'] = function (text) {
  blCall(Module['_bl_markdown'], [text]);
  return blString(Module['_bl_html'](), Module['_bl_html_size']());
};
