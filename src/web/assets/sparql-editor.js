// sheaf SPARQL editor: YASGUI on this catalogue's endpoint, opened on the address's query or the first example.
(function () {
  'use strict';
  function start() {
    var host = document.getElementById('yasgui');
    if (!host || typeof window.Yasgui !== 'function') return;
    var examples = Array.prototype.map.call(document.querySelectorAll('#sparql-examples')[0].content.querySelectorAll('pre'), function (p) { return p.textContent; });
    var initial = document.getElementById('sparql-initial').content.querySelector('pre').textContent;
    var endpoint = new URL(host.dataset.endpoint, window.location.href).href;
    var yasgui = new window.Yasgui(host, {
      requestConfig: { endpoint: endpoint, method: 'POST' },
      copyEndpointOnNewTab: false,
      // Only this catalogue's endpoint: no list of public endpoints, no prefix look-ups elsewhere.
      endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
      persistenceId: null,
      populateFromUrl: false,
      yasqe: { value: initial, resizeable: true },
    });
    var tab = yasgui.getTab();
    tab.setQuery(initial);
    document.querySelectorAll('button.example').forEach(function (button) {
      button.addEventListener('click', function () {
        yasgui.getTab().setQuery(examples[Number(button.dataset.example)]);
      });
    });
    // YASGUI leaves a few controls without a name screen readers can announce: named here, and again whenever it redraws.
    function name(selector, label) {
      host.querySelectorAll(selector).forEach(function (el) { if (!el.getAttribute('aria-label')) el.setAttribute('aria-label', label); });
    }
    function nameAll() {
      name('input.autocomplete', 'SPARQL endpoint');
      name('.CodeMirror textarea', 'SPARQL query');
      name('select.tableSizer', 'Rows per page');
      name('input[type="search"], .tableFilter', 'Filter the results');
    }
    nameAll();
    new MutationObserver(nameAll).observe(host, { childList: true, subtree: true });
    window.sheafYasgui = yasgui;
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
