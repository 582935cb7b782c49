/* Search suggestions as the visitor types: an ARIA 1.2 combobox.
 *
 * Progressive enhancement: every search box is a plain GET form that works
 * without this script. With it, a box that has data-suggest-url becomes a
 * combobox (role="combobox", aria-controls, aria-expanded, aria-autocomplete)
 * over a listbox of up to eight principles and themes whose titles start with
 * what was typed. Focus stays in the box: the arrow keys move the active option
 * (aria-activedescendant, aria-selected), Enter opens it, Escape closes the list,
 * and Enter with no active option sends the form as usual. Requests go only to
 * this site.
 */
(function () {
  "use strict";

  function debounce(fn, wait) {
    var timer;
    return function () {
      var args = arguments;
      clearTimeout(timer);
      timer = setTimeout(function () { fn.apply(null, args); }, wait);
    };
  }

  function enhance(input, index) {
    var listId = "search-suggestions-" + index;
    var list = document.createElement("ul");
    list.id = listId;
    list.className = "suggestions";
    list.setAttribute("role", "listbox");
    var label = input.labels && input.labels[0];
    if (label) {
      if (!label.id) { label.id = input.id + "-label"; }
      list.setAttribute("aria-labelledby", label.id);
    }
    list.hidden = true;
    input.insertAdjacentElement("afterend", list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-controls", listId);
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    list.insertAdjacentElement("afterend", status);
    var lastQuery = "";
    var controller = null;

    function options() {
      return list.querySelectorAll("[role=option]");
    }

    function activate(option) {
      Array.prototype.forEach.call(options(), function (each) {
        each.setAttribute("aria-selected", each === option ? "true" : "false");
      });
      if (option) {
        input.setAttribute("aria-activedescendant", option.id);
        option.scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function close() {
      list.hidden = true;
      list.textContent = "";
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function open(option) {
      window.location.href = option.dataset.url;
    }

    function show(data) {
      list.textContent = "";
      if (!data.suggestions.length) { close(); status.textContent = ""; return; }
      data.suggestions.forEach(function (item, i) {
        var option = document.createElement("li");
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.id = listId + "-" + i;
        option.dataset.url = item.url;
        var title = document.createElement("span");
        title.textContent = item.title;
        if (item.lang) { title.lang = item.lang; }
        var kind = document.createElement("span");
        kind.className = "suggestions__type";
        kind.textContent = item.type;
        option.appendChild(title);
        option.appendChild(document.createTextNode(" "));
        option.appendChild(kind);
        // Keep the focus in the box while a pointer chooses an option.
        option.addEventListener("mousedown", function (event) { event.preventDefault(); });
        option.addEventListener("click", function () { open(option); });
        list.appendChild(option);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      status.textContent = data.status || "";
    }

    var fetchSuggestions = debounce(function () {
      var query = input.value.trim();
      if (query === lastQuery) { return; }
      lastQuery = query;
      if (query.length < 2) { close(); return; }
      if (controller) { controller.abort(); }
      controller = new AbortController();
      fetch(input.dataset.suggestUrl + encodeURIComponent(query), {
        credentials: "omit",
        headers: { Accept: "application/json" },
        signal: controller.signal
      })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(show)
        .catch(function () { /* the plain form still works */ });
    }, 150);

    function move(step) {
      var all = options();
      if (!all.length) { return; }
      var current = list.querySelector("[aria-selected=true]");
      var at = current ? Array.prototype.indexOf.call(all, current) + step : (step > 0 ? 0 : all.length - 1);
      // Past either end the active option is cleared: the visitor is back in the box.
      activate(at >= 0 && at < all.length ? all[at] : null);
    }

    input.addEventListener("input", fetchSuggestions);
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (list.hidden) { lastQuery = ""; fetchSuggestions(); } else { move(1); }
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        move(-1);
      } else if (event.key === "Escape") {
        if (!list.hidden) { event.preventDefault(); close(); }
      } else if (event.key === "Enter") {
        var chosen = list.querySelector("[aria-selected=true]");
        if (chosen && !list.hidden) { event.preventDefault(); open(chosen); }
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 200); });
  }

  document.querySelectorAll("input[data-suggest-url]").forEach(enhance);
})();
