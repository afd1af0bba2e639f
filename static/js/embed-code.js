// The "Embed" disclosure's copy button (templates/includes/embed_button.html). Without script
// the code is still there to select and copy by hand. Its words come translated from the page.
for (const button of document.querySelectorAll("button[data-copy]")) {
  const code = document.getElementById(button.dataset.copy);
  const said = button.parentElement.querySelector("[role=status]");
  button.hidden = false;
  button.addEventListener("click", async () => {
    code.select();
    try {
      await navigator.clipboard.writeText(code.value);
      said.textContent = button.dataset.copied;
    } catch {
      said.textContent = button.dataset.selected;
    }
  });
}
