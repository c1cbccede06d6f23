// Hiring Hub colour mode: light, dark or auto (the system setting, followed live). Loaded in
// <head> before the style sheets apply, so a dark page never flashes light. The choice is kept
// in localStorage; the navbar's theme menu ([data-theme-choice]) changes it.
(function () {
  "use strict";

  var KEY = "hiring-hub-theme";
  var CHOICES = ["light", "dark", "auto"];
  var system = window.matchMedia("(prefers-color-scheme: dark)");

  function stored() {
    try {
      var value = window.localStorage.getItem(KEY);
      return CHOICES.indexOf(value) >= 0 ? value : "auto";
    } catch (error) {
      return "auto";
    }
  }

  function apply(choice) {
    var theme = choice === "auto" ? (system.matches ? "dark" : "light") : choice;
    document.documentElement.setAttribute("data-bs-theme", theme);
    document.querySelectorAll("[data-theme-choice]").forEach(function (button) {
      var chosen = button.getAttribute("data-theme-choice") === choice;
      button.classList.toggle("active", chosen);
      button.setAttribute("aria-pressed", chosen ? "true" : "false");
    });
    document.querySelectorAll("[data-theme-current]").forEach(function (label) {
      label.textContent = choice.charAt(0).toUpperCase() + choice.slice(1);
    });
  }

  apply(stored());
  system.addEventListener("change", function () {
    apply(stored());
  });
  document.addEventListener("DOMContentLoaded", function () {
    apply(stored());
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-theme-choice]");
    if (!button) {
      return;
    }
    var choice = button.getAttribute("data-theme-choice");
    try {
      window.localStorage.setItem(KEY, choice);
    } catch (error) {
      // Private mode without storage: the choice lasts for this page.
    }
    apply(choice);
  });
})();
