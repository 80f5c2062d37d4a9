// Coding a selection of a record's text (templates/records/coding_macros.html): on submit,
// the form's start and end are set from the selection in its read-only textarea.
//
// A textarea's selectionStart/End count UTF-16 code units; the API counts code points
// (Python string indices). They differ after a character outside the Basic Multilingual
// Plane (an emoji): such a character is two code units and one code point.
(function () {
  "use strict";

  // The selection form and its textarea are shown only where this runs (.bk-js-only).
  document.documentElement.classList.add("bk-js");

  function codePoints(text, units) {
    let count = 0;
    for (let index = 0; index < units; index += 1) {
      const unit = text.charCodeAt(index);
      const pair = unit >= 0xd800 && unit <= 0xdbff && index + 1 < units &&
        (text.charCodeAt(index + 1) & 0xfc00) === 0xdc00;
      if (pair) {
        index += 1;
      }
      count += 1;
    }
    return count;
  }

  function refuse(form, source, event) {
    event.preventDefault();
    event.stopImmediatePropagation();
    const status = document.getElementById("coding-status");
    if (status) {
      status.textContent = form.dataset.emptySelection || "";
    }
    source.focus();
  }

  // Captured at the document: before htmx's own listener on the form reads its values.
  document.addEventListener("submit", function (event) {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.dataset.codingSource) {
      return;
    }
    const source = document.getElementById(form.dataset.codingSource);
    if (!source) {
      return;
    }
    const start = Math.min(source.selectionStart, source.selectionEnd);
    const end = Math.max(source.selectionStart, source.selectionEnd);
    if (start === end) {
      refuse(form, source, event);
      return;
    }
    form.elements.namedItem("start").value = String(codePoints(source.value, start));
    form.elements.namedItem("end").value = String(codePoints(source.value, end));
  }, true);

  function isCodingText(element) {
    return element instanceof HTMLTextAreaElement && "codingText" in element.dataset;
  }

  // The selection last seen in a coding text, so that a change that got through (an input
  // method whose beforeinput cannot be cancelled) is undone without losing it.
  const lastSelection = new WeakMap();

  function remember(event) {
    const source = event.target;
    if (isCodingText(source) && source.value === source.defaultValue) {
      lastSelection.set(source, [source.selectionStart, source.selectionEnd]);
    }
  }

  ["select", "keyup", "mouseup", "focusin"].forEach(function (type) {
    document.addEventListener(type, remember, true);
  });

  // The record's text stays as it is: the textarea takes a caret and a selection (which a
  // readonly one does not get in Chromium) but no change.
  document.addEventListener("beforeinput", function (event) {
    if (isCodingText(event.target)) {
      remember(event);
      event.preventDefault();
    }
  }, true);
  document.addEventListener("input", function (event) {
    const source = event.target;
    if (isCodingText(source) && source.value !== source.defaultValue) {
      source.value = source.defaultValue;
      const kept = lastSelection.get(source);
      if (kept) {
        source.setSelectionRange(kept[0], kept[1]);
      }
    }
  }, true);

  // After htmx replaced the coding region the focus would be lost: it goes to what the
  // answer says. A refusal: its error alert; a coding done: the message; else the heading.
  document.addEventListener("htmx:afterSettle", function (event) {
    if (!event.target || event.target.id !== "coding") {
      return;
    }
    const status = document.getElementById("coding-status");
    const target = document.getElementById("coding-errors") ||
      (status && status.textContent.trim() ? status : document.getElementById("coding-title"));
    if (target) {
      target.focus();
    }
  });
}());
