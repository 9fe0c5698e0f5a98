// Document page: clicking a record's line link highlights its source lines
// beside the text without reloading (the link also works without script).
(function () {
  function highlight(range) {
    var parts = range.split("-"), start = +parts[0], end = +(parts[1] || parts[0]);
    document.querySelectorAll("ol.lines li.hl").forEach(function (li) { li.classList.remove("hl"); });
    var first = null;
    document.querySelectorAll("ol.lines li[data-no]").forEach(function (li) {
      var no = +li.dataset.no;
      if (no >= start && no <= end) { li.classList.add("hl"); first = first || li; }
    });
    return first;
  }
  document.addEventListener("click", function (ev) {
    var a = ev.target.closest("a[data-lines]");
    if (!a) return;
    var first = highlight(a.dataset.lines);
    if (!first) return;
    ev.preventDefault();
    history.replaceState(null, "", "?hl=" + a.dataset.lines + "#L" + first.dataset.no);
    first.scrollIntoView({block: "start", behavior: "smooth"});
  });
})();
