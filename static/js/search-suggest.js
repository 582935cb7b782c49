/* Search suggestions as the visitor types.
 *
 * Progressive enhancement: every search box is a plain GET form that works
 * without this script. With it, a box that has data-suggest-url shows up to
 * eight principles and themes whose titles start with what was typed, as a
 * list of links that can be reached with the arrow keys. Requests go only to
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
    list.hidden = true;
    input.insertAdjacentElement("afterend", list);
    input.setAttribute("aria-controls", listId);
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("aria-live", "polite");
    list.insertAdjacentElement("afterend", status);
    var lastQuery = "";
    var controller = null;

    function close() {
      list.hidden = true;
      list.textContent = "";
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function show(data) {
      list.textContent = "";
      if (!data.suggestions.length) { close(); status.textContent = ""; return; }
      data.suggestions.forEach(function (item, i) {
        var li = document.createElement("li");
        li.setAttribute("role", "option");
        li.id = listId + "-" + i;
        var link = document.createElement("a");
        link.href = item.url;
        link.tabIndex = -1;
        link.textContent = item.title;
        var kind = document.createElement("span");
        kind.className = "suggestions__type";
        kind.textContent = item.type;
        link.appendChild(kind);
        li.appendChild(link);
        list.appendChild(li);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      status.textContent = data.suggestions.length + " ↓";
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
      var options = list.querySelectorAll("[role=option]");
      if (!options.length) { return; }
      var current = list.querySelector("[aria-selected=true]");
      var index = current ? Array.prototype.indexOf.call(options, current) + step : (step > 0 ? 0 : options.length - 1);
      if (current) { current.removeAttribute("aria-selected"); }
      if (index < 0 || index >= options.length) { input.removeAttribute("aria-activedescendant"); return; }
      options[index].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", options[index].id);
    }

    input.addEventListener("input", fetchSuggestions);
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") { event.preventDefault(); move(1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); move(-1); }
      else if (event.key === "Escape") { close(); }
      else if (event.key === "Enter") {
        var chosen = list.querySelector("[aria-selected=true] a");
        if (chosen) { event.preventDefault(); window.location.href = chosen.href; }
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 200); });
  }

  document.querySelectorAll("input[data-suggest-url]").forEach(enhance);
})();
