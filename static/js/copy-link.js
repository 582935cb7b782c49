/* "Copy link" for the permanent link box. Without this script the button stays
 * hidden and the link is still there to select and copy by hand. */
(function () {
  "use strict";
  document.querySelectorAll("[data-copy-target]").forEach(function (button) {
    var field = document.getElementById(button.dataset.copyTarget);
    var status = button.closest("section").querySelector("[role=status]");
    if (!field || !navigator.clipboard) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value).then(function () {
        if (status) { status.textContent = button.dataset.copiedLabel; }
      }, function () {
        field.select();
      });
    });
  });
})();
