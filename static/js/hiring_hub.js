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

// The pipeline board ([data-board]): a card dragged to another column, or its "Move to…"
// form, posts that form to the stage-move endpoint; the card changes column only once the
// move is accepted, so a refused move leaves it where it was with the service's message.
// A stage needing a reason asks for it in a dialog; dismissing the dialog cancels the move.
(function () {
  "use strict";

  var board = document.querySelector("[data-board]");
  if (!board) {
    return;
  }
  var scroller = board.querySelector(".pipeline-board");
  var status = document.getElementById("board-status");
  var dialog = document.getElementById("board-reason-dialog");
  if (dialog) {
    // The dialog's buttons close it with their value (what method="dialog" does, written out
    // so the form stays valid HTML for every checker).
    dialog.querySelector("form").addEventListener("submit", function (event) {
      event.preventDefault();
      dialog.close(event.submitter ? event.submitter.value : "");
    });
  }

  // The board holds one copy of the "Move to…" form; a card gets its own when its
  // "Move to…" opens or it is dropped (without this script, the card links to the form).
  var template = document.getElementById("board-move-template");

  function disableCurrent(form, stage) {
    form.querySelectorAll("option").forEach(function (option) {
      option.disabled = option.value === stage;
    });
  }

  function formFor(card) {
    var form = card.querySelector("[data-board-move]");
    if (form || !template) {
      return form;
    }
    form = template.content.firstElementChild.cloneNode(true);
    var pk = card.getAttribute("data-board-card");
    form.action = card.getAttribute("data-board-move-url");
    form.elements.to_stage.id = "move-" + pk;
    form.elements.reason.id = "reason-" + pk;
    var label = form.querySelector("[data-board-move-label]");
    label.htmlFor = "move-" + pk;
    label.textContent = "Move " + card.getAttribute("aria-label") + " to";
    form.querySelector("[data-board-reason-label]").htmlFor = "reason-" + pk;
    disableCurrent(form, card.getAttribute("data-stage"));
    card.querySelector("[data-board-move-slot]").replaceChildren(form);
    return form;
  }

  // "toggle" does not bubble: listen while it goes down.
  board.addEventListener(
    "toggle",
    function (event) {
      var details = event.target;
      if (details.classList && details.classList.contains("board-move") && details.open) {
        formFor(details.closest("[data-board-card]"));
      }
    },
    true
  );

  // kind: success, danger or secondary (a move cancelled by the user).
  function say(text, kind) {
    status.className = "board-status alert py-2 mb-0 mt-2 alert-" + kind;
    status.textContent = text;
  }

  function column(stage) {
    return board.querySelector('[data-board-column="' + stage + '"]');
  }

  function bump(col, delta) {
    var badge = col.querySelector("[data-board-count]");
    badge.textContent = String(parseInt(badge.textContent, 10) + delta);
  }

  function land(card, stage) {
    var from = column(card.getAttribute("data-stage"));
    var to = column(stage);
    var empty = to.querySelector("[data-board-empty]");
    if (empty) {
      empty.remove();
    }
    to.querySelector("[data-board-cards]").prepend(card);
    bump(from, -1);
    bump(to, 1);
    card.setAttribute("data-stage", stage);
    var age = card.querySelector("[data-board-age]");
    if (age) {
      age.lastChild.textContent = "since today";
    }
    var form = card.querySelector("[data-board-move]");
    if (form) {
      disableCurrent(form, stage);
      form.reset();
    }
    card.querySelector("details").open = false;
  }

  function send(form, card) {
    var stage = form.elements.to_stage.value;
    card.classList.add("board-card-busy");
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        return response.json().then(function (data) {
          return { ok: response.ok, data: data };
        });
      })
      .then(function (result) {
        card.classList.remove("board-card-busy");
        if (result.ok) {
          land(card, stage);
        } else {
          form.reset();
        }
        // Focus first, the message last: whoever waits for the message finds the board settled.
        card.focus();
        say(result.ok ? result.data.message : result.data.error || "The move was refused.",
          result.ok ? "success" : "danger");
      })
      .catch(function () {
        card.classList.remove("board-card-busy");
        form.reset();
        say("The move could not be sent; nothing changed. Try again.", "danger");
      });
  }

  function ask(form, card, col) {
    var text = dialog.querySelector("textarea");
    dialog.querySelector("[data-board-reason-name]").textContent = card.getAttribute("aria-label");
    dialog.querySelector("[data-board-reason-stage]").textContent = col
      .getAttribute("data-board-label")
      .toLowerCase();
    text.value = "";
    dialog.returnValue = "";
    dialog.addEventListener(
      "close",
      function () {
        if (dialog.returnValue === "confirm" && text.value.trim()) {
          form.elements.reason.value = text.value;
          send(form, card);
        } else {
          form.reset();
          say("Move cancelled: " + card.getAttribute("aria-label") + " stays where it was.", "secondary");
        }
      },
      { once: true }
    );
    dialog.showModal();
    text.focus();
  }

  function move(form) {
    var card = form.closest("[data-board-card]");
    var col = column(form.elements.to_stage.value);
    if (col && col.hasAttribute("data-needs-reason") && !form.elements.reason.value.trim()) {
      ask(form, card, col);
    } else {
      send(form, card);
    }
  }

  board.addEventListener("submit", function (event) {
    if (event.target.hasAttribute("data-board-move")) {
      event.preventDefault();
      move(event.target);
    }
  });

  // Drag and drop (HTML5): the card's id travels in the drag; a column takes it when it is
  // another stage.
  var dragged = null;
  board.addEventListener("dragstart", function (event) {
    dragged = event.target.closest && event.target.closest("[data-board-card]");
    if (!dragged) {
      return;
    }
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", dragged.getAttribute("data-board-card"));
    dragged.classList.add("board-card-dragging");
  });
  board.addEventListener("dragend", function () {
    if (dragged) {
      dragged.classList.remove("board-card-dragging");
    }
    board.querySelectorAll(".board-drop-target").forEach(function (col) {
      col.classList.remove("board-drop-target");
    });
    dragged = null;
  });
  function target(event) {
    var col = event.target.closest && event.target.closest("[data-board-column]");
    if (!dragged || !col || col.getAttribute("data-board-column") === dragged.getAttribute("data-stage")) {
      return null;
    }
    var option = template && template.content.querySelector(
      'option[value="' + col.getAttribute("data-board-column") + '"]'
    );
    return option ? col : null;
  }
  board.addEventListener("dragover", function (event) {
    var col = target(event);
    if (col) {
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      board.querySelectorAll(".board-drop-target").forEach(function (other) {
        if (other !== col) {
          other.classList.remove("board-drop-target");
        }
      });
      col.classList.add("board-drop-target");
    }
  });
  board.addEventListener("drop", function (event) {
    var col = target(event);
    if (!col) {
      return;
    }
    event.preventDefault();
    col.classList.remove("board-drop-target");
    var form = formFor(dragged);
    form.elements.to_stage.value = col.getAttribute("data-board-column");
    form.elements.reason.value = "";
    move(form);
  });

  // Sideways scrolling: how many columns are out of view on each side, as buttons that
  // scroll to them, and a shadow on the edge that has more.
  function cue() {
    var box = scroller.getBoundingClientRect();
    var left = 0;
    var right = 0;
    scroller.querySelectorAll("[data-board-column]").forEach(function (col) {
      var r = col.getBoundingClientRect();
      if (r.left < box.left - 1) {
        left += 1;
      } else if (r.right > box.right + 1) {
        right += 1;
      }
    });
    [
      [-1, left],
      [1, right],
    ].forEach(function (pair) {
      var button = board.querySelector('[data-board-scroll="' + pair[0] + '"]');
      button.hidden = pair[1] === 0;
      button.querySelector("[data-board-hidden-count]").textContent =
        pair[1] + " more column" + (pair[1] === 1 ? "" : "s");
    });
    board.classList.toggle("board-more-left", left > 0);
    board.classList.toggle("board-more-right", right > 0);
  }
  board.addEventListener("click", function (event) {
    var button = event.target.closest("[data-board-scroll]");
    if (button) {
      var step = parseInt(button.getAttribute("data-board-scroll"), 10);
      scroller.scrollBy({ left: step * scroller.clientWidth * 0.8, behavior: "smooth" });
    }
  });
  scroller.addEventListener("scroll", cue, { passive: true });
  window.addEventListener("resize", cue);
  cue();
})();
