// Filter the catalog as the reader types; no server, no network. Without script the whole
// list shows and the search box stays hidden. The status line (role="status") tells screen
// readers how many conditions remain.
(function () {
  "use strict";
  var box = document.querySelector(".search");
  var input = document.getElementById("filter");
  var status = document.getElementById("shown");
  var items = Array.prototype.slice.call(document.querySelectorAll(".condition"));
  if (!box || !input || !status) { return; }
  box.hidden = false;
  var timer = null;
  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }
  var texts = items.map(function (item) { return fold(item.getAttribute("data-search") || ""); });
  function apply() {
    var words = fold(input.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    items.forEach(function (item, i) {
      var match = words.every(function (word) { return texts[i].indexOf(word) !== -1; });
      item.hidden = !match;
      if (match) { shown += 1; }
    });
    status.textContent = shown === 0 ? status.getAttribute("data-none")
      : status.getAttribute("data-template").replace("{shown}", shown).replace("{total}", items.length);
  }
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(apply, 150);  // announce once the reader pauses, not on every key
  });
}());
