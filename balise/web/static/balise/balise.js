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

/* The data-entry grid (form[data-grid]): arrows move between cells (left/right once the caret is
   at the edge of the text), Enter goes down, Shift+Enter up, Escape puts back the saved value.
   A cell is checked as it is typed (by the shape of its target) and saved when it is left; a
   block pasted from a spreadsheet (tab and newline separated) fills the cells from the focused
   one and is saved as one write. A cell changed by someone else since the page was loaded is
   shown with their value, never overwritten without asking. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-grid]");
  if (!form) return;
  var m = form.dataset;
  var status = form.querySelector("#grid-status");
  var NUMBER = /^\d{1,3}(?:[ \u00a0\u202f.]\d{3})*(?:,\d+)?$|^\d+(?:[.,]\d+)?$/;
  var WHOLE = /^\d{1,3}(?:[ \u00a0\u202f.]\d{3})*$|^\d+$/;
  var YES_NO = /^(true|false|1|0|yes|no|oui|non|ja|nee|nein|on|off|y|n|o|j)$/i;
  var DAY = /^(\d{1,2})\s*[\/.\-]\s*(\d{1,2})\s*[\/.\-]\s*(\d{4})$|^(\d{4})-(\d{2})-(\d{2})$/;

  function inputs(row) {
    return Array.from(row.querySelectorAll("input.gcell-input"));
  }
  function rowsOf(table) {
    return Array.from(table.tBodies[0].rows).filter(function (row) {
      return row.querySelector("input.gcell-input");
    });
  }
  function position(input) {
    var row = input.closest("tr");
    var table = input.closest("table");
    var rows = rowsOf(table);
    return { rows: rows, r: rows.indexOf(row), c: inputs(row).indexOf(input) };
  }
  function at(rows, r, c) {
    var row = rows[r];
    return row ? inputs(row)[c] || null : null;
  }
  function number(text) {
    return parseFloat(text.replace(/[ \u00a0\u202f]/g, "").replace(/\.(?=\d{3}(\D|$))/g, "").replace(",", "."));
  }

  // What is wrong with a cell's text, by the shape of its target ("" when nothing is).
  function problem(input) {
    var text = input.value.trim();
    if (!text) return "";
    var shape = input.dataset.shape;
    if (shape === "number") {
      if (input.dataset.kind === "count") return WHOLE.test(text) ? "" : (NUMBER.test(text) ? m.msgWhole : m.msgNumber);
      return NUMBER.test(text) ? "" : m.msgNumber;
    }
    if (shape === "ratio" || shape === "hours_in_days") {
      var parts = text.split("/");
      if (parts.length !== 2 || !NUMBER.test(parts[0].trim()) || !NUMBER.test(parts[1].trim())) return m.msgPair;
      if (shape === "ratio" && number(parts[0]) > number(parts[1])) return m.msgRatio;
      return "";
    }
    if (shape === "yes_no") return YES_NO.test(text) ? "" : m.msgYesno;
    if (shape === "done_on") return YES_NO.test(text) || DAY.test(text) ? "" : m.msgDate;
    return NUMBER.test(text) || YES_NO.test(text) ? "" : m.msgNumber; // no target yet
  }

  function note(input, text, extra) {
    var cell = input.closest("td");
    var box = cell.querySelector(".cell-note");
    box.replaceChildren();
    if (text) box.appendChild(document.createTextNode(text));
    (extra || []).forEach(function (node) {
      box.appendChild(node);
    });
    box.hidden = !text && !(extra && extra.length);
    var described = ["hint-" + input.dataset.key.split(":")[0]];
    if (!box.hidden) described.push(box.id);
    input.setAttribute("aria-describedby", described.join(" "));
  }
  function state(input, name, text, extra) {
    var cell = input.closest("td");
    if (name) cell.dataset.state = name;
    else delete cell.dataset.state;
    if (name === "failed" || name === "invalid" || name === "conflict") input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
    note(input, name === "saved" || name === "saving" ? "" : text, extra);
  }
  function announce(name, text) {
    status.dataset.state = name;
    status.textContent = text;
  }
  function check(input) {
    var wrong = problem(input);
    if (wrong) state(input, "invalid", wrong);
    else if (input.closest("td").dataset.state === "invalid") state(input, "dirty");
    return !wrong;
  }
  function changed(input) {
    return input.value.trim() !== (input.dataset.saved || "").trim();
  }
  function refresh(input, cell) {
    input.value = cell.text;
    input.dataset.saved = cell.text;
    input.dataset.revision = cell.revision;
    var td = input.closest("td");
    td.querySelector("input[name^=was-]").value = cell.text;
    td.querySelector("input[name^=rev-]").value = cell.revision;
    if (cell.text) td.classList.remove("missing");
  }
  function accept(input, cell) {
    refresh(input, cell);
    state(input, "saved");
  }
  function byKey(key) {
    return form.querySelector('input.gcell-input[data-key="' + key + '"]');
  }
  function conflict(input, theirs) {
    var take = document.createElement("button");
    take.type = "button";
    take.className = "btn small";
    take.textContent = m.msgTake;
    take.addEventListener("click", function () {
      accept(input, theirs);
      input.focus();
    });
    var keep = document.createElement("button");
    keep.type = "button";
    keep.className = "btn small";
    keep.textContent = m.msgKeep;
    keep.addEventListener("click", function () {
      input.dataset.revision = theirs.revision;
      send([input]);
    });
    var value = document.createElement("strong");
    value.textContent = " " + (theirs.text || "—") + (theirs.by ? " (" + theirs.by + ")" : "") + " ";
    state(input, "conflict", m.msgConflict, [value, take, keep]);
  }

  // One write per cell at a time: Enter saves, and the blur of moving down fires "change" too; a
  // second write of the same revision would only meet the first as a conflict. A cell changed
  // while its write is on its way is written again once the answer is in, with the new revision.
  function send(cells) {
    cells = cells.filter(function (input) {
      if (input._sending === undefined) return true;
      input._again = true;
      return false;
    });
    if (!cells.length) return;
    cells.forEach(function (input) {
      input._sending = input.value.trim();
      input._again = false;
      state(input, "saving");
    });
    announce("saving", m.msgSaving);
    var body = {
      cells: cells.map(function (input) {
        return { key: input.dataset.key, text: input.value.trim(), revision: Number(input.dataset.revision || 0) };
      }),
    };
    return fetch(form.action, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": form.elements.csrfmiddlewaretoken.value },
      body: JSON.stringify(body),
    })
      .then(function (response) {
        return response.json();
      })
      .then(function (answer) {
        if (answer.ok) {
          // The answer also holds, for an indicator entered per category, its computed total and
          // every category of the period (they share the value's revision): a category not being
          // edited takes it; one being edited keeps its text, and takes the new revision only if
          // nobody changed it meanwhile (else its write is refused, as any stale cell's).
          Object.keys(answer.cells).forEach(function (key) {
            var cell = answer.cells[key];
            var total = form.querySelector('output[data-total-key="' + key + '"]');
            if (total) total.textContent = cell.text;
            var input = byKey(key);
            if (!input) return;
            if (cells.indexOf(input) >= 0 && input.value.trim() === input._sending) accept(input, cell);
            else if (cells.indexOf(input) >= 0) keepTyping(input, cell);
            else if (!changed(input)) refresh(input, cell);
            else if ((input.dataset.saved || "").trim() === cell.text.trim()) {
              input.dataset.revision = cell.revision;
              input.closest("td").querySelector("input[name^=rev-]").value = cell.revision;
            }
          });
          var count = cells.length;
          announce("saved", count > 1 ? count + " " + m.msgCellsSaved : m.msgSaved);
          return;
        }
        var errors = answer.errors || {};
        var theirs = answer.theirs || {};
        cells.forEach(function (input) {
          var key = input.dataset.key;
          if (theirs[key]) conflict(input, theirs[key]);
          else if (errors[key]) state(input, "failed", m.msgFailed + " " + errors[key].join(" "));
          else state(input, "dirty", cells.length > 1 ? m.msgBlock : "");
        });
        var general = answer.message || (errors.cells || []).join(" ") || (cells.length > 1 ? m.msgBlock : "");
        announce("failed", m.msgFailed + " " + general);
      })
      .catch(function () {
        cells.forEach(function (input) {
          state(input, "failed", m.msgOffline);
        });
        announce("failed", m.msgOffline);
      })
      .finally(function () {
        cells.forEach(function (input) {
          var again = input._again;
          input._sending = undefined;
          input._again = false;
          if (again) save(input);
        });
      });
  }
  // Saved, but the person typed on meanwhile: the new revision is taken, their text kept.
  function keepTyping(input, cell) {
    input.dataset.saved = cell.text;
    input.dataset.revision = cell.revision;
    var td = input.closest("td");
    td.querySelector("input[name^=was-]").value = cell.text;
    td.querySelector("input[name^=rev-]").value = cell.revision;
    input._again = true;
    state(input, "dirty");
  }

  function save(input) {
    if (!changed(input) || !check(input)) return;
    send([input]);
  }

  form.addEventListener("input", function (event) {
    var input = event.target;
    if (!input.classList.contains("gcell-input")) return;
    if (check(input)) state(input, changed(input) ? "dirty" : null);
  });
  form.addEventListener("change", function (event) {
    if (event.target.classList.contains("gcell-input")) save(event.target);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault(); // every cell saves itself
  });

  form.addEventListener("keydown", function (event) {
    var input = event.target;
    if (!input.classList || !input.classList.contains("gcell-input") || event.altKey || event.ctrlKey || event.metaKey) return;
    var p = position(input);
    var next = null;
    var start = input.selectionStart;
    var end = input.selectionEnd;
    var whole = start === 0 && end === input.value.length;
    if (event.key === "ArrowDown" || (event.key === "Enter" && !event.shiftKey)) next = at(p.rows, p.r + 1, p.c);
    else if (event.key === "ArrowUp" || (event.key === "Enter" && event.shiftKey)) next = at(p.rows, p.r - 1, p.c);
    else if (event.key === "ArrowRight" && (whole || end === input.value.length)) next = at(p.rows, p.r, p.c + 1);
    else if (event.key === "ArrowLeft" && (whole || start === 0)) next = at(p.rows, p.r, p.c - 1);
    else if (event.key === "Escape") {
      input.value = input.dataset.saved || "";
      state(input, null);
      return;
    } else return;
    if (event.key === "Enter") {
      event.preventDefault();
      save(input);
    }
    if (!next) return;
    event.preventDefault();
    next.focus();
    next.select();
  });

  // A block copied from a spreadsheet: rows by newline, cells by tab, from the focused cell.
  form.addEventListener("paste", function (event) {
    var input = event.target;
    if (!input.classList.contains("gcell-input")) return;
    var text = (event.clipboardData || window.clipboardData).getData("text/plain");
    if (!/[\t\n]/.test(text.replace(/\r?\n$/, ""))) return; // one value: the browser pastes it
    event.preventDefault();
    var lines = text.replace(/\r\n?/g, "\n").replace(/\n$/, "").split("\n");
    var p = position(input);
    var block = [];
    var outside = false;
    lines.forEach(function (line, dr) {
      line.split("\t").forEach(function (value, dc) {
        if (!value.trim()) return; // an empty cell of the block leaves the grid's cell as it is
        var target = at(p.rows, p.r + dr, p.c + dc);
        if (!target) {
          outside = true;
          return;
        }
        target.value = value.trim();
        if (changed(target)) block.push(target);
        else state(target, null);
      });
    });
    var wrong = block.filter(function (cell) {
      return !check(cell);
    });
    if (wrong.length) {
      announce("failed", m.msgBlock);
      wrong[0].focus();
      return;
    }
    if (block.length) send(block);
    if (outside) announce("failed", m.msgOverflow);
  });

  function unsaved() {
    return Array.from(form.querySelectorAll("input.gcell-input")).some(changed);
  }
  window.addEventListener("beforeunload", function (event) {
    if (!unsaved()) return;
    event.preventDefault();
    event.returnValue = "";
  });
  document.addEventListener("htmx:confirm", function (event) {
    if (!unsaved() || !form.isConnected) return;
    event.preventDefault();
    if (window.confirm(m.msgLeave)) event.detail.issueRequest(true);
  });
})();

/* A wide table scrolls sideways in its own box (.table-wrap): when it does, the box takes the
   keyboard focus (so that the arrow keys scroll it) and is named after its table for a screen
   reader. A box that fits is left out of the tab order. */
(function () {
  "use strict";
  function nameOf(wrap) {
    var table = wrap.querySelector("table");
    if (!table) return "";
    var caption = table.querySelector("caption");
    if (caption) return caption.textContent.trim();
    if (table.getAttribute("aria-label")) return table.getAttribute("aria-label");
    var heading = wrap.previousElementSibling;
    while (heading && !/^H[1-6]$/.test(heading.tagName)) heading = heading.previousElementSibling;
    return heading ? heading.textContent.trim() : "";
  }
  function mark() {
    document.querySelectorAll(".table-wrap").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        if (wrap.hasAttribute("tabindex")) return;
        wrap.setAttribute("tabindex", "0");
        var name = nameOf(wrap);
        if (name) {
          wrap.setAttribute("role", "region");
          wrap.setAttribute("aria-label", name);
        }
      } else if (wrap.getAttribute("tabindex") === "0") {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }
  var pending = null;
  function later() {
    if (pending) cancelAnimationFrame(pending);
    pending = requestAnimationFrame(function () { pending = null; mark(); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mark);
  else mark();
  window.addEventListener("resize", later);
  document.addEventListener("htmx:afterSettle", later);
})();
