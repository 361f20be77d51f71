// Comfort only: every page works without it. "/" focuses the search box, Escape leaves it.
(function () {
  'use strict';
  var box = document.querySelector('.searchbox input[name=q]');
  if (!box) {
    return;
  }
  document.addEventListener('keydown', function (e) {
    var typing = e.target && (e.target.tagName === 'INPUT' || e.target.tagName === 'TEXTAREA');
    if (e.key === '/' && !typing) {
      e.preventDefault();
      box.focus();
      box.select();
    } else if (e.key === 'Escape' && e.target === box) {
      box.blur();
    }
  });
})();
