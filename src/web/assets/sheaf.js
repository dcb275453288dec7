// sheaf web console: remembers basket picks across Discover pages (progressive enhancement; the pages work without it).
(function () {
  'use strict';
  var KEY = 'sheaf-basket';
  function load() {
    try { var v = JSON.parse(localStorage.getItem(KEY) || '[]'); return Array.isArray(v) ? v.filter(function (x) { return typeof x === 'string'; }) : []; }
    catch (e) { return []; }
  }
  function save(ids) { try { localStorage.setItem(KEY, JSON.stringify(ids)); } catch (e) { /* storage off: the form still works */ } }
  function basketHref(ids) {
    var p = new URLSearchParams();
    ids.forEach(function (id) { p.append('id', id); });
    var s = p.toString();
    return s ? '/basket?' + s : '/basket';
  }
  function sync() {
    var ids = load();
    var list = document.getElementById('basket');
    if (list && list.dataset.ids) { ids = JSON.parse(list.dataset.ids); save(ids); }
    else if (document.getElementById('basket-empty')) { ids = []; save(ids); }
    document.querySelectorAll('#basket-form input.pick').forEach(function (box) { box.checked = ids.indexOf(box.value) >= 0; });
    document.querySelectorAll('a[href="/basket"], a[href^="/basket?"]').forEach(function (a) {
      if (a.closest('#basket')) return;
      a.href = basketHref(ids);
      a.dataset.count = String(ids.length);
    });
  }
  document.addEventListener('change', function (event) {
    var box = event.target;
    if (!box.matches || !box.matches('#basket-form input.pick')) return;
    var ids = load().filter(function (id) { return id !== box.value; });
    if (box.checked) ids.push(box.value);
    save(ids);
    sync();
  });
  // Picks from earlier pages travel with the basket form too.
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!form || form.id !== 'basket-form') return;
    event.preventDefault();
    window.location.href = basketHref(load());
  });
  document.addEventListener('DOMContentLoaded', sync);
  document.addEventListener('htmx:afterSettle', sync);
})();
