// Copy buttons (the citation box's address and quotation, an embed's <iframe> code): each
// button copies its data-copy-text exactly and says so in the status line beside it. The
// buttons are hidden until this script shows them; without it the texts are on the page to
// select by hand. Where the clipboard cannot be written, the text is selected instead.

(() => {
  "use strict";
  for (const row of document.querySelectorAll(".copy-row[hidden]")) {
    row.hidden = false;
  }

  function say(button, message) {
    const status = button.parentNode.querySelector(".copy-status");
    if (status) {
      status.textContent = message;
    }
  }

  function selectInstead(button, text) {
    const field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.className = "copy-fallback";
    button.parentNode.appendChild(field);
    field.select();
    let copied = false;
    try {
      copied = document.execCommand("copy");
    } catch {
      copied = false;
    }
    say(button, copied ? button.getAttribute("data-copied") : "コピーできませんでした。選択した文字をコピーしてください");
    if (copied) {
      field.remove();
    }
  }

  document.addEventListener("click", (event) => {
    const button = event.target.closest?.(".copy-button");
    if (!button) {
      return;
    }
    const text = button.getAttribute("data-copy-text");
    if (!navigator.clipboard || !window.isSecureContext) {
      selectInstead(button, text);
      return;
    }
    navigator.clipboard.writeText(text).then(
      () => say(button, button.getAttribute("data-copied")),
      () => selectInstead(button, text),
    );
  });
})();
