// Keeps the "days left" line of the public advert current while the page stays open. The
// server renders the same text; this only recounts it from the <time datetime> deadline.
(function () {
  "use strict";
  function update() {
    var nodes = document.querySelectorAll("[data-countdown]");
    for (var i = 0; i < nodes.length; i++) {
      var node = nodes[i];
      var deadline = Date.parse(node.getAttribute("data-countdown"));
      if (isNaN(deadline)) continue;
      var ms = deadline - Date.now();
      var target = node.querySelector("[data-countdown-text]");
      if (!target) continue;
      if (ms < 0) {
        target.textContent = node.getAttribute("data-closed") || "";
        continue;
      }
      var days = Math.floor(ms / 86400000);
      var text;
      if (days > 1) text = days + " " + node.getAttribute("data-days");
      else if (days === 1) text = node.getAttribute("data-one-day");
      else text = node.getAttribute("data-last-day");
      target.textContent = text;
    }
  }
  update();
  setInterval(update, 60000);
})();
