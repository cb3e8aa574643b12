/* Green 서구 web edition: small progressive enhancements, no outside requests.
   - text size: remembered in localStorage, applied before the page is shown
   - chapter links (a[data-start]) move the page's own player instead of opening the MP3
   - share: the Web Share API, or copy the page address */
(function () {
  "use strict";
  var KEY = "greenpub-text-size";
  var root = document.documentElement;
  function stored() {
    try { return localStorage.getItem(KEY); } catch (e) { return null; }
  }
  function applySize(pct) {
    if (!/^(100|125|150)$/.test(pct || "")) pct = "100";
    root.style.fontSize = pct === "100" ? "" : pct + "%";
    return pct;
  }
  applySize(stored());

  document.addEventListener("DOMContentLoaded", function () {
    var group = document.querySelector(".text-size");
    if (group) {
      var buttons = group.querySelectorAll("button[data-text-size]");
      var mark = function (pct) {
        buttons.forEach(function (b) {
          b.setAttribute("aria-pressed", String(b.dataset.textSize === pct));
        });
      };
      mark(applySize(stored()));
      buttons.forEach(function (b) {
        b.addEventListener("click", function () {
          var pct = applySize(b.dataset.textSize);
          try { localStorage.setItem(KEY, pct); } catch (e) { /* private mode */ }
          mark(pct);
        });
      });
      group.hidden = false;
    }

    document.addEventListener("click", function (ev) {
      var link = ev.target.closest && ev.target.closest("a[data-start]");
      if (!link) return;
      var player = document.getElementById(link.dataset.player || "player");
      if (!player || !player.play) return;
      ev.preventDefault();
      var start = parseFloat(link.dataset.start) || 0;
      var go = function () {
        player.currentTime = start;
        var p = player.play();
        if (p && p.catch) p.catch(function () { /* the user can press play */ });
      };
      if (player.readyState >= 1) {
        go();
      } else {  /* preload="none": fetch the metadata first, then seek */
        player.addEventListener("loadedmetadata", go, { once: true });
        player.preload = "metadata";
        player.load();
      }
      player.focus();
    });

    var share = document.querySelector(".share");
    var canCopy = navigator.clipboard && navigator.clipboard.writeText;
    if (share && (navigator.share || canCopy)) {
      var button = share.querySelector("button");
      var status = share.querySelector("[role=status]");
      var canonical = document.querySelector("link[rel=canonical]");
      var url = canonical ? canonical.href : location.href;
      if (!navigator.share) button.textContent = "주소 복사하기";
      button.addEventListener("click", function () {
        if (navigator.share) {
          navigator.share({ title: button.dataset.shareTitle || document.title, url: url })
            .catch(function () { /* cancelled */ });
          return;
        }
        navigator.clipboard.writeText(url).then(function () {
          status.textContent = "주소를 복사했습니다. 문자나 메신저에 붙여 넣으세요.";
        }, function () {
          status.textContent = "복사하지 못했습니다. 주소: " + url;
        });
      });
      share.hidden = false;
    }
  });
})();
