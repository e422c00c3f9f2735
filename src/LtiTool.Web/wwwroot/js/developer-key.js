// The developer key page: each "Copy" button copies the text of the element its data-copy names.
document.addEventListener("DOMContentLoaded", () => {
  const status = document.getElementById("copy-status");
  for (const button of document.querySelectorAll("button.copy")) {
    button.addEventListener("click", async () => {
      const text = document.getElementById(button.dataset.copy)?.textContent ?? "";
      try {
        await navigator.clipboard.writeText(text);
        if (status) status.textContent = "Copied.";
      } catch {
        // Inside an LMS frame the clipboard may be refused: select the text so Ctrl+C works.
        const range = document.createRange();
        range.selectNodeContents(document.getElementById(button.dataset.copy));
        getSelection().removeAllRanges();
        getSelection().addRange(range);
        if (status) status.textContent = "Selected: press Ctrl+C (⌘C) to copy.";
      }
    });
  }
});
