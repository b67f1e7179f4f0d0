// What the browser measured for this response: a page replayed from a page cache carries the
// footer of its first rendering, so this line is the one that tells a hit from a miss.
(function () {
  'use strict';
  var el = document.querySelector('.client-timing');
  var nav = window.performance && performance.getEntriesByType('navigation')[0];
  if (!el || !nav) {
    return;
  }
  var text = 'this response: ' + (nav.responseStart - nav.requestStart).toFixed(1) + ' ms';
  // A page the server allowed to be kept (max-age) may come from the browser's own cache,
  // carrying the headers, and the Server-Timing, of the response it kept.
  if (nav.transferSize === 0 && nav.decodedBodySize > 0) {
    text += ' · from your browser\'s cache';
  }
  // A Server-Timing entry naming the page cache's result, when the server sends one.
  (nav.serverTiming || []).some(function (entry) {
    var m = /\b(hit|miss|bypass)\b/i.exec(entry.name + ' ' + (entry.description || ''));
    if (m) {
      text += ' · page cache ' + m[1].toUpperCase();
    }
    return !!m;
  });
  el.textContent = text;
  el.hidden = false;
})();
