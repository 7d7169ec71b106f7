// The header's disclosure menus (<details class="menu">): they open and close without JavaScript
// (and by keyboard, Enter or Space on the summary); `name="header-menu"` keeps one open at a
// time. This adds what a menu is expected to do besides: Escape closes the open menu and returns
// the focus to its summary, and a click elsewhere on the page closes it.
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  for (const menu of document.querySelectorAll("details.menu[open]")) {
    menu.open = false;
    if (menu.contains(document.activeElement)) menu.querySelector("summary").focus();
  }
});
document.addEventListener("click", (event) => {
  for (const menu of document.querySelectorAll("details.menu[open]")) {
    if (!menu.contains(event.target)) menu.open = false;
  }
});
