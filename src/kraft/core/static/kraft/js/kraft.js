// Small progressive enhancements; every page works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  // On small screens the menu and the list filters start folded (without JavaScript they stay open and can
  // still be folded by their <summary>).
  if (window.matchMedia("(max-width: 48rem)").matches) {
    document.querySelectorAll("details.site-menu, details.filter-panel").forEach((el) => {
      el.open = false;
    });
  }
  // A table wider than the screen scrolls inside its frame; the frame takes keyboard focus so it can be scrolled
  // without a mouse (WCAG 2.1.1).
  const focusableScroll = () => {
    document.querySelectorAll(".table-wrap").forEach((el) => {
      if (el.scrollWidth > el.clientWidth) el.setAttribute("tabindex", "0");
      else el.removeAttribute("tabindex");
    });
  };
  focusableScroll();
  window.addEventListener("resize", focusableScroll);
  const summary = document.getElementById("error-summary");
  if (summary) summary.focus();
  document.querySelectorAll("[data-confirm]").forEach((el) => {
    el.addEventListener("click", (event) => {
      if (!window.confirm(el.dataset.confirm)) event.preventDefault();
    });
  });
  document.querySelectorAll("select[data-autosubmit]").forEach((el) => {
    el.addEventListener("change", () => el.form && el.form.requestSubmit());
  });
});
