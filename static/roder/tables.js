// A wide table scrolls sideways inside its wrapper (<div class="table-wrap">) on a small screen.
// A wrapper that scrolls is made a tab stop, so it can be scrolled with the arrow keys, and named
// by the table's caption (a region). Without JavaScript the table scrolls by touch, mouse or
// trackpad as before. Checked again whenever the wrapper's size changes.
(() => {
  let captions = 0;
  const mark = (wrap) => {
    const scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
    if (scrolls && !wrap.hasAttribute("tabindex")) {
      wrap.tabIndex = 0;
      const caption = wrap.querySelector("caption");
      if (caption) {
        if (!caption.id) caption.id = `table-caption-${++captions}`;
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-labelledby", caption.id);
      }
    } else if (!scrolls && wrap.tabIndex === 0) {
      wrap.removeAttribute("tabindex");
      wrap.removeAttribute("role");
      wrap.removeAttribute("aria-labelledby");
    }
  };
  const start = () => {
    const observer = new ResizeObserver((entries) => entries.forEach((e) => mark(e.target)));
    for (const wrap of document.querySelectorAll(".table-wrap, .table-scroll")) {
      mark(wrap);
      observer.observe(wrap);
    }
    // Tables that htmx brings in later.
    document.body.addEventListener("htmx:afterSettle", (event) => {
      for (const wrap of event.target.querySelectorAll(".table-wrap, .table-scroll")) observer.observe(wrap);
    });
  };
  document.addEventListener("DOMContentLoaded", start);
})();
