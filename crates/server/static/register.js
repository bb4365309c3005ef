// The registration form's name, checked as it is typed: a moment after the last key, the name
// self-check API is asked about the name in the office and kind chosen, and its verdict is
// said under the field. The form works without this script: the name is checked on submit.
(function () {
  'use strict';
  var input = document.getElementById('new-name');
  var out = document.getElementById('name-verdict');
  var kind = document.getElementById('new-kind');
  var office = document.getElementById('new-office');
  if (!input || !out || typeof fetch === 'undefined') return;
  var timer = null;
  var asked = 0;

  function say(verdict, conflict) {
    out.textContent = input.dataset[verdict] || '';
    out.className = 'verdict verdict-' + verdict;
    if (conflict) {
      out.appendChild(document.createTextNode(' ' + input.dataset.met));
      // The name met is data: it stays in Chinese on an English page.
      var name = document.createElement('span');
      name.lang = 'zh-CN';
      name.textContent = conflict;
      out.appendChild(name);
    }
  }

  function check() {
    var name = input.value.trim();
    if (!name) { out.textContent = ''; out.className = 'verdict'; return; }
    var n = ++asked;
    out.textContent = input.dataset.checking;
    var q = '?name=' + encodeURIComponent(name);
    if (office && office.value) q += '&division=' + encodeURIComponent(office.value);
    if (kind && kind.value) q += '&kind=' + encodeURIComponent(kind.value);
    fetch(input.dataset.check + q, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (c) {
        if (n !== asked) return;
        if (!c || !c.verdict) { out.textContent = ''; return; }
        var met = (c.findings || []).filter(function (f) { return f.conflict_name; })[0];
        say(c.verdict, c.verdict !== 'accept' && met && met.conflict_name);
      })
      .catch(function () { if (n === asked) out.textContent = ''; });
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(check, 350);
  }
  input.addEventListener('input', later);
  if (kind) kind.addEventListener('change', later);
  if (office) office.addEventListener('change', later);
})();
