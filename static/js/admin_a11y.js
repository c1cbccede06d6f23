// Django admin: give every control an accessible name. A tabular inline shows a field's label
// only as its column header, a split date/time field labels neither half, Select2's search box
// has no label, and the filter widgets put aria-label on a span without a role. The names are
// taken from what a sighted user reads next to the control; widgets added later (a new inline
// row, Select2 opening) are named as they appear.
(function () {
  "use strict";

  function text(element) {
    return element ? (element.textContent || "").replace(/[\s:*?]+$/g, "").replace(/\s+/g, " ").trim() : "";
  }

  function isNamed(control) {
    if (control.getAttribute("aria-label") || control.getAttribute("aria-labelledby")) {
      return true;
    }
    if (control.closest("label")) {
      return true;
    }
    return Boolean(control.id && document.querySelector('label[for="' + CSS.escape(control.id) + '"]'));
  }

  function fieldLabel(control) {
    var cell = control.closest("td");
    if (cell) {
      if (cell.classList.contains("delete")) {
        return "Delete";
      }
      var field = Array.prototype.find.call(cell.classList, function (name) {
        return name.indexOf("field-") === 0;
      });
      var table = cell.closest("table");
      var header = field && table && table.querySelector("thead th.column-" + field.slice(6));
      if (header) {
        return text(header);
      }
    }
    var select2 = control.closest(".select2-container");
    if (select2 && select2.previousElementSibling) {
      var select = select2.previousElementSibling;
      var label = select.id && document.querySelector('label[for="' + CSS.escape(select.id) + '"]');
      if (label) {
        return text(label);
      }
    }
    var row = control.closest(".form-row, .fieldBox, fieldset");
    return row ? text(row.querySelector("label, legend")) : "";
  }

  function name(control) {
    if (control.type === "hidden" || isNamed(control)) {
      return;
    }
    var label = fieldLabel(control);
    if (control.closest(".datetime")) {
      label += /_0$/.test(control.name) ? " (date)" : " (time)";
    }
    var row = control.closest("tr.form-row, .inline-related");
    var original = row && row.querySelector("td.original p, h3 b");
    if (original && text(original)) {
      label += ", " + text(original);
    }
    if (label) {
      control.setAttribute("aria-label", label);
    }
  }

  function fix() {
    document.querySelectorAll("#content input, #content select, #content textarea").forEach(name);
    document.querySelectorAll("span.help-tooltip[aria-label]:not([role])").forEach(function (span) {
      span.setAttribute("role", "img");
    });
    document.querySelectorAll("ul.select2-selection__rendered:not([role])").forEach(function (list) {
      list.setAttribute("role", "list");
    });
  }

  var pending = false;
  new MutationObserver(function () {
    if (!pending) {
      pending = true;
      window.requestAnimationFrame(function () {
        pending = false;
        fix();
      });
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", fix);
  window.addEventListener("load", fix);
})();
