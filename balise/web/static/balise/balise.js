/* Balise: the little behaviour htmx does not cover. Everything works without it (plain forms). */
(function () {
  "use strict";

  // Reorder: the server answered 204 to "move up/down"; move the element among its siblings.
  document.addEventListener("htmx:afterRequest", function (event) {
    var trigger = event.detail.elt;
    var direction = trigger.dataset && trigger.dataset.move;
    if (!event.detail.successful || !direction) return;
    var node = trigger.closest("[data-node]");
    if (!node) return;
    if (direction === "up" && node.previousElementSibling) {
      node.parentNode.insertBefore(node, node.previousElementSibling);
    } else if (direction === "down" && node.nextElementSibling) {
      node.parentNode.insertBefore(node.nextElementSibling, node);
    }
    // Keep the focus on the moved node's button, so that pressing again keeps moving it.
    var button = node.querySelector(":scope > .node-head .move-" + direction);
    if (button && getComputedStyle(button).visibility !== "hidden") button.focus();
  });

  // Errors htmx does not swap (403, 404, 500, network): say so instead of failing silently.
  function flash(text) {
    var box = document.getElementById("flash");
    if (!box) return;
    var p = document.createElement("p");
    p.className = "message error";
    p.textContent = text;
    box.replaceChildren(p);
    box.scrollIntoView({ block: "nearest" });
  }
  document.addEventListener("htmx:responseError", function (event) {
    var status = event.detail.xhr.status;
    var messages = document.body.dataset;
    if (status === 403) flash(messages.msgForbidden || "Not allowed.");
    else if (status === 404) flash(messages.msgNotFound || "Not found.");
    else flash((messages.msgFailed || "Something went wrong.") + " (" + status + ")");
  });
  document.addEventListener("htmx:sendError", function () {
    flash(document.body.dataset.msgOffline || "The server cannot be reached.");
  });

  // A form swapped in for editing gets the focus, so typing can start at once.
  function focusForm(event) {
    var target = event.detail.target;
    var form = target && (target.matches("form") ? target : target.querySelector("form.node-form"));
    if (!form) return;
    var field = form.querySelector("[aria-invalid], .invalid input, .invalid textarea, input:not([type=hidden]), textarea, select");
    if (field) field.focus();
  }
  document.addEventListener("htmx:afterSwap", focusForm);
  document.addEventListener("htmx:oobAfterSwap", focusForm);

  // "Expand all" / "Collapse all" on the plan tree.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-tree]");
    if (!button) return;
    var open = button.dataset.tree === "open";
    document.querySelectorAll("#plan-tree details").forEach(function (details) {
      details.open = open;
    });
  });
})();

/* A form that cannot lose work: forms marked data-autosave save each field as it changes (after
   a pause in typing, or at once for a choice), say whether it was saved, update the progress
   counts, and the page asks before it is left with text not saved yet. Someone else's newer
   version is shown, never overwritten without asking. Without JavaScript, the Save buttons work. */
(function () {
  "use strict";
  var PAUSE = 1000; // ms of no typing before a text is saved
  var dirty = new Set();

  function texts(form) {
    var box = form.closest("[data-msg-saved]");
    return box ? box.dataset : {};
  }
  function say(form, state, text) {
    var el = form.querySelector(".save-state");
    if (!el) return;
    el.hidden = false;
    el.dataset.state = state;
    el.textContent = text;
  }
  function progress(counts) {
    if (!counts) return;
    var self = document.querySelector("[data-progress=self]");
    var assessed = document.querySelector("[data-progress=assessed]");
    if (self) self.textContent = counts.self_evaluated + "/" + counts.subjects;
    if (assessed) assessed.textContent = counts.assessed + "/" + counts.indicators;
  }
  function showTheirs(form, theirs, message) {
    var m = texts(form);
    var box = form.querySelector(".theirs-live") || document.createElement("div");
    box.className = "theirs-live notice";
    box.replaceChildren();
    var p = document.createElement("p");
    p.textContent = message;
    box.appendChild(p);
    ["self_evaluation", "analysis", "motivation"].forEach(function (name) {
      if (form.elements[name] && theirs[name]) {
        var q = document.createElement("blockquote");
        q.textContent = theirs[name];
        box.appendChild(q);
      }
    });
    var keep = document.createElement("button");
    keep.type = "button";
    keep.className = "btn small";
    keep.textContent = m.msgReplace || "Replace it with mine";
    keep.addEventListener("click", function () {
      form.elements.revision.value = theirs.revision;
      form.dataset.conflict = "";
      box.remove();
      save(form);
    });
    box.appendChild(keep);
    form.insertBefore(box, form.querySelector(".save-state"));
  }

  function save(form) {
    if (form.dataset.conflict) return; // the person decides first
    if (form._saving) {
      form._again = true;
      return;
    }
    form._saving = true;
    form._again = false;
    var m = texts(form);
    say(form, "saving", m.msgSaving || "Saving…");
    var data = new FormData(form);
    fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Autosave": "1", "X-CSRFToken": data.get("csrfmiddlewaretoken") || "" },
    })
      .then(function (response) {
        return response.json();
      })
      .then(function (body) {
        if (body.ok) {
          form.elements.revision.value = body.revision;
          progress(body.progress);
          if (form._again) return; // a newer change is on its way: not "saved" yet
          dirty.delete(form);
          say(form, "saved", m.msgSaved || "Saved.");
        } else if (body.theirs) {
          form.dataset.conflict = "1";
          say(form, "failed", (m.msgFailed || "Not saved:") + " " + body.errors.join(" "));
          showTheirs(form, body.theirs, m.msgConflict || "Their version:");
        } else {
          say(form, "failed", (m.msgFailed || "Not saved:") + " " + body.errors.join(" "));
        }
      })
      .catch(function () {
        say(form, "failed", m.msgOffline || "Not saved.");
      })
      .finally(function () {
        form._saving = false;
        if (form._again) save(form);
      });
  }

  function autosaveForm(target) {
    var form = target.closest && target.closest("form[data-autosave]");
    return form && target.name && target.name !== "revision" ? form : null;
  }
  document.addEventListener("input", function (event) {
    var form = autosaveForm(event.target);
    if (!form) return;
    dirty.add(form);
    say(form, "dirty", "");
    clearTimeout(form._timer);
    form._timer = setTimeout(function () {
      save(form);
    }, PAUSE);
  });
  document.addEventListener("change", function (event) {
    var form = autosaveForm(event.target);
    if (!form) return;
    dirty.add(form);
    clearTimeout(form._timer);
    save(form);
  });
  // Its Save button saves the same way (before htmx or the browser post the form: a second,
  // concurrent save of the same revision would only meet itself as a conflict).
  document.addEventListener(
    "submit",
    function (event) {
      var form = event.target.closest && event.target.closest("form[data-autosave]");
      if (!form) return;
      event.preventDefault();
      event.stopPropagation();
      clearTimeout(form._timer);
      dirty.add(form);
      save(form);
    },
    true
  );
  // A form swapped out by htmx is no longer waiting.
  document.addEventListener("htmx:afterSwap", function () {
    dirty.forEach(function (form) {
      if (!form.isConnected) dirty.delete(form);
    });
  });
  function unsaved() {
    return Array.from(dirty).some(function (form) {
      return form.isConnected;
    });
  }
  window.addEventListener("beforeunload", function (event) {
    if (!unsaved()) return;
    event.preventDefault();
    event.returnValue = "";
  });
  // Boosted links do not unload the page: ask the same question before following them.
  document.addEventListener("htmx:confirm", function (event) {
    var elt = event.detail.elt;
    if (!unsaved() || (elt.closest && elt.closest("form[data-autosave]"))) return;
    event.preventDefault();
    var box = document.querySelector("[data-msg-leave]");
    var question = (box && box.dataset.msgLeave) || "Leave the page?";
    if (window.confirm(question)) {
      dirty.clear();
      event.detail.issueRequest(true);
    }
  });
})();
