/*
 * Length counters for the admin's editing forms (pages, snippets, settings).
 *
 * Every text box with a length limit gets a counter under it ("142 / 300"),
 * updated as staff type, and read out politely to screen readers once they
 * pause. The limit stays a server rule: the form refuses over-long text with
 * an error and keeps it for editing. Browsers would instead cut pasted text
 * at the `maxlength` attribute without a word, so this script moves the limit
 * out of that attribute. Boxes added later (StreamField blocks, inline
 * panels) get their counters as they appear.
 *
 * Words come from the script tag, in the admin's language
 * (site_core.staff.editing).
 */
(() => {
  "use strict";

  const script = document.currentScript;
  const words = script.dataset;
  const FIELDS = "form[data-edit-form] input[maxlength], form[data-edit-form] textarea[maxlength]";
  const TYPES = new Set(["text", "search", "email", "url", "tel", "textarea"]);
  const ANNOUNCE_AFTER_MS = 1000;
  const numbers = new Intl.NumberFormat(document.documentElement.lang || undefined);
  let counters = 0;

  function fill(template, values) {
    return template.replace(/%\((\w+)\)s/g, (_, name) => numbers.format(values[name]));
  }

  // As the server counts: characters, not UTF-16 units, so an emoji counts once.
  function lengthOf(field) {
    return Array.from(field.value).length;
  }

  function attach(field) {
    if (field.dataset.lengthLimit || !TYPES.has(field.type)) {
      return;
    }
    const limit = Number(field.getAttribute("maxlength"));
    if (!(limit > 0)) {
      return;
    }
    field.dataset.lengthLimit = String(limit);
    field.removeAttribute("maxlength");

    counters += 1;
    const counter = document.createElement("p");
    counter.className = "length-counter";
    const shown = document.createElement("span");
    shown.setAttribute("aria-hidden", "true");
    const spoken = document.createElement("span");
    spoken.className = "w-sr-only";
    spoken.id = `length-counter-${counters}`;
    spoken.setAttribute("aria-live", "polite");
    counter.append(shown, spoken);
    field.insertAdjacentElement("afterend", counter);
    const describedBy = field.getAttribute("aria-describedby");
    field.setAttribute("aria-describedby", describedBy ? `${describedBy} ${spoken.id}` : spoken.id);

    let pause;
    const update = (announce) => {
      const count = lengthOf(field);
      const over = count - limit;
      const values = { count, limit, over };
      counter.classList.toggle("length-counter--over", over > 0);
      shown.textContent = fill(over > 0 ? words.shownOver : words.shown, values);
      const sentence = fill(over > 0 ? words.spokenOver : words.spoken, values);
      clearTimeout(pause);
      if (announce) {
        pause = setTimeout(() => {
          spoken.textContent = sentence;
        }, ANNOUNCE_AFTER_MS);
      } else {
        spoken.textContent = sentence;
      }
    };
    field.addEventListener("input", () => update(true));
    update(false);
  }

  function attachWithin(root) {
    if (root.matches && root.matches(FIELDS)) {
      attach(root);
    }
    if (root.querySelectorAll) {
      root.querySelectorAll(FIELDS).forEach(attach);
    }
  }

  function start() {
    attachWithin(document);
    new MutationObserver((changes) => {
      changes.forEach((change) => change.addedNodes.forEach(attachWithin));
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
