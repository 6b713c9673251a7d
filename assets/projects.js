// Project list (/projects/): sorts the table by any column and filters it by department,
// direction, SDG goal and text. templates/projects.html holds the complete table in
// 事業番号 order (what a reader without JavaScript gets); its filter form, sort headers and
// count line are drawn from the start (the form and headers hidden only without
// JavaScript), so nothing moves when this script arrives; what was typed or chosen before
// is kept. The filters and the sort live in the URL (?department=…&sort=2), so the
// department and SDG pages can link to a filtered list and Back keeps the choice. The
// footer's totals are recomputed from the shown rows, exactly as the build sums them (a
// value not yet known counts as nothing).
//
// A city lists 1,000 projects, so at load this script only puts a button in each header:
// the rows are read, and the number formats made, only when a sort or filter needs them.
// The rows sit in groups of data-group-size rows, one <tbody> each (on a phone a group away
// from the screen is skipped: site.css); after a sort or filter the shown rows fill the
// groups in order, and a group left with none is hidden.

import { searchable } from "./searchtext.js";

const table = document.getElementById("project-list");
const form = document.getElementById("project-filters");
const countLine = document.getElementById("project-count");
const groups = [...table.tBodies];
const GROUP_SIZE = Number(table.dataset.groupSize);
const headers = [...table.tHead.rows[0].cells];
const footerCells = [...table.tFoot.rows[0].cells];
const footerCount = document.getElementById("project-list-count");
const caption = document.getElementById("project-list-caption");
const AMOUNT_COLUMNS = [2, 3, 4];
const total = groups.reduce((sum, group) => sum + group.rows.length, 0);

// Made at the first sort or filter: building a Japanese number format or collator takes
// tens of milliseconds, which a phone would spend before it answers a tap.
let format = null;
let collator = null;
const formatted = (value) => (format ??= new Intl.NumberFormat("ja-JP")).format(value);
const collate = (a, b) => (collator ??= new Intl.Collator("ja", { numeric: true })).compare(a, b);

/** A cell's amount in 千円, or null for a dash (not known yet). */
function amount(cell) {
  const digits = cell.textContent.replace(/,/g, "").match(/^-?\d+/);
  return digits ? Number(digits[0]) : null;
}

/** Everything each row is sorted and filtered by, read at the first sort or filter; kept in
 * the order the rows are shown. */
let read = null;
function rows() {
  read ??= groups.flatMap((group) => [...group.rows]).map((row) => ({
    row,
    code: row.cells[0].querySelector(".code").textContent,
    department: row.cells[1].querySelector(".org-part").textContent,
    direction: row.cells[5].textContent.trim(),
    sdgs: row.dataset.sdgs.split(" "),
    text: searchable(row.textContent).toLowerCase(),
    sortKeys: [...row.cells].map((cell, index) =>
      AMOUNT_COLUMNS.includes(index) ? amount(cell) : index === 0 ? null : cell.textContent.trim()),
  }));
  return read;
}

/** Put the shown rows, in the order of ``rows()``, into the groups, ``GROUP_SIZE`` each;
 * the hidden rows go after them; a group with no row shown is hidden. */
function placeRows() {
  const shown = rows().filter((item) => !item.row.hidden).map((item) => item.row);
  const hidden = rows().filter((item) => item.row.hidden).map((item) => item.row);
  groups.forEach((group, index) => {
    const own = shown.slice(index * GROUP_SIZE, (index + 1) * GROUP_SIZE);
    group.replaceChildren(...own, ...(index === groups.length - 1 ? hidden : []));
    group.hidden = own.length === 0;
  });
}

/** The order of rows by ``column`` (a header's index); a value not known yet goes last,
 * rows that tie keep 事業番号 order. */
function compare(column, ascending) {
  const sign = ascending ? 1 : -1;
  return (a, b) => {
    if (column === 0) return sign * collate(a.code, b.code);
    const x = a.sortKeys[column];
    const y = b.sortKeys[column];
    if (x === null || y === null) return x === y ? collate(a.code, b.code) : x === null ? 1 : -1;
    const order = typeof x === "number" ? x - y : collate(x, y);
    return sign * order || collate(a.code, b.code);
  };
}

function sortBy(column, ascending) {
  rows().sort(compare(column, ascending));
  placeRows();
  headers.forEach((header, index) => {
    if (index === column) header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    else header.removeAttribute("aria-sort");
  });
  describe();
}

/** The caption says what the table shows (a screenshot of the list carries it): the year,
 * the filters in force, how many projects of all, and the order. */
function describe() {
  const { column, ascending } = currentSort();
  const name = headers[column].querySelector(".sort-button")?.firstChild?.textContent ?? headers[column].textContent;
  const order = column === 0 ? (ascending ? "事業番号順" : "事業番号の大きい順")
    : AMOUNT_COLUMNS.includes(column) ? `${name}の${ascending ? "小さい" : "大きい"}順`
    : `${name}の${ascending ? "" : "逆"}順`;
  const field = (key) => form.elements.namedItem(key);
  const filters = [
    field("department").value,
    field("direction").value && `方向性「${field("direction").value}」`,
    field("sdg").value && field("sdg").selectedOptions[0].textContent.split("：")[0],
    field("q").value.trim() && `「${field("q").value.trim()}」を含む`,
  ].filter(Boolean);
  const shown = read ? read.filter((item) => !item.row.hidden).length : total;
  const count = shown === total ? `${total}件` : `${total}件のうち${shown}件`;
  caption.textContent = `${caption.dataset.year}の事業（${[...filters, count, order].join("、")}）`;
}

function filterValues() {
  return {
    q: searchable(form.elements.namedItem("q").value.trim()).toLowerCase(),
    department: form.elements.namedItem("department").value,
    direction: form.elements.namedItem("direction").value,
    sdg: form.elements.namedItem("sdg").value,
  };
}

/** Show the rows that pass every filter; update the count and the footer's totals. */
function applyFilters() {
  const { q, department, direction, sdg } = filterValues();
  const words = q.split(/\s+/).filter(Boolean);
  const sums = AMOUNT_COLUMNS.map(() => 0);
  let shown = 0;
  for (const item of rows()) {
    const visible = (!department || item.department === department)
      && (!direction || item.direction === direction)
      && (!sdg || item.sdgs.includes(sdg))
      && words.every((word) => item.text.includes(word));
    item.row.hidden = !visible;
    if (!visible) continue;
    shown += 1;
    AMOUNT_COLUMNS.forEach((column, index) => { sums[index] += item.sortKeys[column] ?? 0; });
  }
  placeRows();
  footerCount.textContent = String(shown);
  AMOUNT_COLUMNS.forEach((column, index) => { footerCells[column].textContent = formatted(sums[index]); });
  countLine.textContent = shown === total ? `全${total}件を表示しています。` : `${total}件のうち${shown}件を表示しています。`;
  describe();
}

function currentSort() {
  const column = headers.findIndex((header) => header.hasAttribute("aria-sort"));
  return { column, ascending: headers[column].getAttribute("aria-sort") === "ascending" };
}

/** Keep the filters and the sort in the URL (replaced, not pushed: Back leaves the list). */
function saveToUrl() {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filterValues())) {
    const raw = form.elements.namedItem(key).value.trim();
    if (value) params.set(key, raw);
  }
  const { column, ascending } = currentSort();
  if (column !== 0 || !ascending) params.set("sort", `${column}${ascending ? "" : "-"}`);
  const search = params.toString();
  window.history.replaceState(null, "", search ? `?${search}` : window.location.pathname);
}

/** The filters and sort of the URL; a field the reader filled before the script ran keeps its value. */
function loadFromUrl() {
  const params = new URLSearchParams(window.location.search);
  for (const key of ["q", "department", "direction", "sdg"]) {
    const field = form.elements.namedItem(key);
    const value = params.get(key) ?? "";
    if (field.value || (field.tagName === "SELECT" && ![...field.options].some((o) => o.value === value))) continue;
    field.value = value;
  }
  const sort = /^(\d)(-?)$/.exec(params.get("sort") ?? "");
  if (sort && Number(sort[1]) < headers.length) sortBy(Number(sort[1]), sort[2] !== "-");
}

// A button in each header sorts by that column; pressed again, in the other direction.
headers.forEach((header, column) => {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "sort-button";
  button.append(...header.childNodes);
  header.append(button);
  button.addEventListener("click", () => {
    const { column: sorted, ascending } = currentSort();
    sortBy(column, sorted === column ? !ascending : column === 0 || !AMOUNT_COLUMNS.includes(column));
    saveToUrl();
  });
});
form.addEventListener("submit", (event) => event.preventDefault());
form.addEventListener("input", () => { applyFilters(); saveToUrl(); });
form.addEventListener("reset", () => window.setTimeout(() => { applyFilters(); saveToUrl(); }));
loadFromUrl();
if (Object.values(filterValues()).some(Boolean)) applyFilters();
