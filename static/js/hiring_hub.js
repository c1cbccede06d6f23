// Hiring Hub: page behaviour that would otherwise be inline attributes. The
// Content-Security-Policy allows scripts from our static files only (no onclick="", no
// onsubmit="", no hx-on, no eval), so each behaviour is declared with a data- attribute.
(function () {
  "use strict";

  // <form data-confirm="Question?">: ask before the form is sent.
  document.addEventListener(
    "submit",
    function (event) {
      var question = event.target.getAttribute("data-confirm");
      if (question && !window.confirm(question)) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    },
    true
  );

  // <input type="checkbox" data-check-all="NAME">: tick or untick every checkbox NAME.
  document.addEventListener("change", function (event) {
    var name = event.target.getAttribute && event.target.getAttribute("data-check-all");
    if (!name) {
      return;
    }
    document
      .querySelectorAll('input[type="checkbox"][name="' + name + '"]')
      .forEach(function (box) {
        box.checked = event.target.checked;
      });
  });

  // htmx requests carry the CSRF token from <meta name="csrf-token"> (an hx-headers attribute
  // on <body> is not valid HTML).
  document.addEventListener("htmx:configRequest", function (event) {
    var token = document.querySelector('meta[name="csrf-token"]');
    if (token) {
      event.detail.headers["X-CSRFToken"] = token.getAttribute("content");
    }
  });

  // A polling htmx region marked data-pause-while-typing skips a refresh while someone types
  // in it (the refresh would replace what they are writing).
  document.addEventListener("htmx:beforeRequest", function (event) {
    var region = event.detail.elt;
    if (
      region.hasAttribute("data-pause-while-typing") &&
      region.querySelector("textarea:focus, input:focus, select:focus")
    ) {
      event.preventDefault();
    }
  });
})();
