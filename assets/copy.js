/* Copy buttons (the citation box's address and quotation, an embed's <iframe> code): each
   button copies its data-copy-text exactly and says so in the status line beside it. The
   buttons are hidden until this script shows them; without it the texts are on the page to
   select by hand. Where the clipboard cannot be written, the text is selected instead. */
(function () {
  "use strict";
  var rows = document.querySelectorAll(".copy-row[hidden]");
  Array.prototype.forEach.call(rows, function (row) { row.hidden = false; });

  function say(button, message) {
    var status = button.parentNode.querySelector(".copy-status");
    if (status) {
      status.textContent = message;
    }
  }

  function selectInstead(button, text) {
    var field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.className = "copy-fallback";
    button.parentNode.appendChild(field);
    field.select();
    var copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (error) {
      copied = false;
    }
    say(button, copied ? button.getAttribute("data-copied") : "コピーできませんでした。選択した文字をコピーしてください");
    if (copied) {
      field.remove();
    }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".copy-button");
    if (!button) {
      return;
    }
    var text = button.getAttribute("data-copy-text");
    if (!navigator.clipboard || !window.isSecureContext) {
      selectInstead(button, text);
      return;
    }
    navigator.clipboard.writeText(text).then(function () {
      say(button, button.getAttribute("data-copied"));
    }, function () {
      selectInstead(button, text);
    });
  });
})();
