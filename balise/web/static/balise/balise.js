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
