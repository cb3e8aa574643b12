/* Search page: Pagefind's own bundle (pagefind/, built with the site), no outside requests. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-search]");
  var input = document.getElementById("q");
  var status = document.querySelector(".search-status");
  var list = document.querySelector(".search-results");
  var base = new URL(".", location.href);
  var pagefind = null;

  function load() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", base).href).then(function (pf) {
        return pf.options({ baseUrl: base.pathname }).then(function () { return pf; });
      });
    }
    return pagefind;
  }

  function item(data) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = data.url;
    a.textContent = (data.meta && data.meta.title) || data.url;
    var p = document.createElement("p");
    p.className = "excerpt";
    p.innerHTML = data.excerpt; /* Pagefind escapes the text and adds <mark> only */
    li.appendChild(a);
    li.appendChild(p);
    return li;
  }

  function run(q) {
    q = q.trim();
    list.textContent = "";
    if (!q) { status.textContent = ""; return; }
    status.textContent = "찾는 중…";
    load().then(function (pf) { return pf.search(q); }).then(function (res) {
      return Promise.all(res.results.slice(0, 20).map(function (r) { return r.data(); }));
    }).then(function (items) {
      items.forEach(function (d) { list.appendChild(item(d)); });
      status.textContent = items.length
        ? "‘" + q + "’ 검색 결과 " + items.length + "건"
        : "‘" + q + "’에 맞는 기사가 없습니다. 다른 낱말로 찾아보세요.";
    }).catch(function () {
      status.textContent = "검색 색인을 불러오지 못했습니다.";
    });
  }

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var q = input.value;
    history.replaceState(null, "", "?q=" + encodeURIComponent(q));
    run(q);
  });
  var initial = new URLSearchParams(location.search).get("q");
  if (initial) { input.value = initial; run(initial); }
})();
