// The effect form shows only the chosen unit's fields. Without JavaScript a button re-renders the form instead.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll(".no-js-only").forEach((el) => { el.hidden = true; });
  document.querySelectorAll("select[data-controls]").forEach((select) => {
    const form = select.form;
    const update = () => {
      form.querySelectorAll(`[data-shown-for="${select.dataset.controls}"]`).forEach((group) => {
        group.hidden = group.dataset.value !== select.value;
      });
    };
    select.addEventListener("change", update);
    update();
  });
});
