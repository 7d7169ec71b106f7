// "Copy the link" buttons (data-copy="<id of a read-only field>"): copy the field's text. Without
// JavaScript the buttons stay hidden and the field's text can be selected and copied by hand.
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("button[data-copy]")) {
    const field = document.getElementById(button.dataset.copy);
    const done = document.getElementById(button.dataset.copy + "-copied");
    if (!field || !navigator.clipboard) continue;
    button.hidden = false;
    button.addEventListener("click", async () => {
      field.select();
      await navigator.clipboard.writeText(field.value);
      if (done) done.textContent = done.dataset.text;
    });
  }
});
