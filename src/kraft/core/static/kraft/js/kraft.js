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
  document.querySelectorAll("select[data-organisation-picker]").forEach(organisationPicker);
});

// Search-as-you-type organisation picker (ARIA 1.2 combobox with a listbox). The select stays in the form, hidden,
// and holds the chosen values; without JavaScript it is shown as it is.
function organisationPicker(select) {
  const text = (key, value) => (select.dataset[key] || "").replace("%s", value === undefined ? "" : value);
  const fold = (s) => s.toLocaleLowerCase("sv").normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  const id = select.id;
  const options = Array.from(select.options).filter((o) => o.value !== "");
  const wrap = document.createElement("div");
  wrap.className = "picker";
  const chosen = document.createElement("ul");
  chosen.className = "picker-chosen";
  chosen.setAttribute("aria-label", text("pickerChosen"));
  const input = document.createElement("input");
  input.type = "text";
  input.autocomplete = "off";
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", id + "_listbox");
  const describedBy = select.getAttribute("aria-describedby");
  if (describedBy) input.setAttribute("aria-describedby", describedBy);
  if (select.getAttribute("aria-invalid")) input.setAttribute("aria-invalid", select.getAttribute("aria-invalid"));
  const listbox = document.createElement("ul");
  listbox.id = id + "_listbox";
  listbox.className = "picker-listbox";
  listbox.setAttribute("role", "listbox");
  const label = document.querySelector('label[for="' + id + '"]');
  if (label) listbox.setAttribute("aria-label", label.textContent.trim());
  listbox.hidden = true;
  const status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("aria-live", "polite");
  select.id = id + "_select";
  input.id = id;
  select.hidden = true;
  select.tabIndex = -1;
  select.required = false; // a hidden control cannot show the browser's message; the server checks it
  const help = document.getElementById(id + "_helptext");
  if (help && select.dataset.pickerHelp) help.textContent = select.dataset.pickerHelp;
  wrap.append(chosen, input, listbox, status);
  select.after(wrap);
  let matches = [];
  let active = -1;

  function renderChosen() {
    chosen.replaceChildren();
    const picked = options.filter((o) => o.selected);
    if (!picked.length) {
      const li = document.createElement("li");
      li.className = "picker-none";
      li.textContent = text("pickerNoneChosen");
      chosen.append(li);
    }
    picked.forEach((option) => {
      const li = document.createElement("li");
      li.append(document.createTextNode(option.text + " "));
      const remove = document.createElement("button");
      remove.type = "button";
      remove.className = "picker-remove";
      remove.textContent = "×";
      remove.setAttribute("aria-label", text("pickerRemove", option.text));
      remove.addEventListener("click", () => {
        option.selected = false;
        select.dispatchEvent(new Event("change", { bubbles: true }));
        renderChosen();
        status.textContent = text("pickerRemoved", option.text);
        input.focus();
      });
      li.append(remove);
      chosen.append(li);
    });
  }

  function close() {
    listbox.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function setActive(index) {
    const items = listbox.querySelectorAll("[role=option]");
    items.forEach((item, i) => item.setAttribute("aria-selected", i === index ? "true" : "false"));
    active = index;
    if (index >= 0 && items[index]) {
      input.setAttribute("aria-activedescendant", items[index].id);
      items[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function search() {
    const query = fold(input.value.trim());
    listbox.replaceChildren();
    if (!query) {
      close();
      status.textContent = "";
      return;
    }
    const starts = [];
    const contains = [];
    options.forEach((option) => {
      if (option.selected && select.multiple) return;
      const name = fold(option.text);
      if (name.startsWith(query) || name.includes(" " + query)) starts.push(option);
      else if (name.includes(query)) contains.push(option);
    });
    matches = starts.concat(contains).slice(0, 30);
    matches.forEach((option, i) => {
      const li = document.createElement("li");
      li.id = id + "_option_" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.textContent = option.text;
      li.addEventListener("mousedown", (event) => {
        event.preventDefault();
        choose(i);
      });
      listbox.append(li);
    });
    listbox.hidden = !matches.length;
    input.setAttribute("aria-expanded", matches.length ? "true" : "false");
    active = -1;
    const total = starts.length + contains.length;
    status.textContent =
      total === 0 ? text("pickerNoMatch") : total === 1 ? text("pickerOneMatch") : text("pickerMatches", total);
  }

  function choose(index) {
    const option = matches[index];
    if (!option) return;
    if (!select.multiple) options.forEach((o) => (o.selected = false));
    option.selected = true;
    select.dispatchEvent(new Event("change", { bubbles: true }));
    input.value = "";
    close();
    renderChosen();
    status.textContent = text("pickerAdded", option.text);
    input.focus();
  }

  input.addEventListener("input", search);
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (listbox.hidden) search();
      if (matches.length) setActive(Math.min(active + 1, matches.length - 1));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      if (matches.length) setActive(Math.max(active - 1, 0));
    } else if (event.key === "Enter") {
      if (!listbox.hidden) {
        event.preventDefault(); // choosing, not sending the form
        choose(active >= 0 ? active : matches.length === 1 ? 0 : -1);
      }
    } else if (event.key === "Escape") {
      if (!listbox.hidden) {
        event.preventDefault();
        close();
      } else {
        input.value = "";
      }
    }
  });
  input.addEventListener("blur", close);
  renderChosen();
}
