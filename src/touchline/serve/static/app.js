// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // The facts' day: a new date shows its facts at once (the form still works by its button).
  var form = document.getElementById("asof-form");
  var input = document.getElementById("as_of");
  if (form && input) {
    input.addEventListener("change", function () {
      if (/^\d{4}-\d{2}-\d{2}$/.test(input.value)) { form.submit(); }
    });
  }
  // "/" focuses the search box, as on many sites.
  var box = document.getElementById("search-box");
  document.addEventListener("keydown", function (e) {
    var tag = (e.target && e.target.tagName) || "";
    if (e.key === "/" && box && tag !== "INPUT" && tag !== "TEXTAREA") { e.preventDefault(); box.focus(); }
  });
})();
