// Search page (/search/): runs the Pagefind index built by builder/search/ (pagefind.py).
//
// templates/search.html holds a <form id="search-form"> with the query input (name="q")
// and an empty <div id="search-filters"> inside a closed <details> (six menus would push
// the results off a phone's screen), a results heading, a status line
// <p id="search-status" aria-live="polite">, an empty <ol id="search-results"> and a hidden
// <button id="search-more">. The query and the chosen filters live in the URL
// (/search/?q=ロボット&department=…), so a search can be shared and the back button works;
// the history entry also keeps how many results were shown (さらに表示) and the scroll
// position, which Back restores. The status line's data-state is "busy" while a search
// runs and "done" once its results are shown.
//
// The form works from the first moment: what is typed before the engine has loaded is
// kept (never replaced by the URL's query) and searched once the engine is ready.
//
// Queries are written as the index text is (searchtext.js: NFKC, so ﾛﾎﾞｯﾄ finds ロボット);
// a part typed in kana stands for the site's words that read so (searchquery.js), and
// Pagefind cuts the rest with Intl.Segmenter, the ICU segmenter the build used on the
// records (builder/search/records.py). The index text is the page's words, each followed by
// a space, with U+2063 standing for a space of the page; readable() undoes that.
// The first results are put in order of how exactly they are what was typed: a project's
// number or name, then a department's page, then the projects of that department or division.
// A search that finds nothing shows help (#search-help): the nearest words of the site,
// departments whose names share part of the query, and the project list.

import { help, plan } from "./searchquery.js";
import { searchable } from "./searchtext.js";

const PAGE_SIZE = 20;
const PAGE_SPACE = /\u2063/g;
// Filter names of the index's records (builder/search/records.py), in the order they are offered.
const FILTER_LABELS = {
  fiscal_year: "年度",
  department: "担当部",
  division: "担当課",
  sdg: "SDGsの目標",
  direction: "今後の方向性",
  status: "新規・継続",
};
// Results are added a few at a time, each part in a task of its own, so that laying out 20
// excerpts never holds a phone's main thread for long (Japanese text: many glyphs to find).
const RESULTS_PER_TASK = 5;
let yenFormat = null; // made at the first result: a Japanese number format takes tens of ms to build
const yenThousands = (value) => (yenFormat ??= new Intl.NumberFormat("ja-JP")).format(value);

/** A promise that lets the browser paint and answer input before the work goes on. */
const nextTask = () => new Promise((resolve) => { window.setTimeout(resolve, 0); });

const form = document.getElementById("search-form");
const input = form.elements.namedItem("q");
const filterBox = document.getElementById("search-filters");
const filterDisclosure = document.getElementById("search-filters-box");
const resultsHeading = document.getElementById("search-results-title");
const statusLine = document.getElementById("search-status");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");
const helpBox = document.getElementById("search-help");

let pagefind = null;
let current = [];
let shown = 0;
let generation = 0;
let engineLoaded = false; // the engine is ready and the filter menus are built
let typedBeforeReady = false; // the user typed before that: the URL's query no longer applies
let searchedBeforeReady = false; // ... and asked for the search (検索 or Enter): show its results

/** The page's own text from Pagefind's segmented index text (excerpts keep their <mark>). */
export function readable(text) {
  return text.replaceAll(" ", "").replace(PAGE_SPACE, " ").trim();
}

function chosenFilters() {
  const chosen = {};
  for (const select of filterBox.querySelectorAll("select")) {
    if (select.value) chosen[select.name] = select.value;
  }
  return chosen;
}

function stateFromUrl({ keepQuery = false } = {}) {
  const params = new URLSearchParams(window.location.search);
  if (!keepQuery) input.value = params.get("q") ?? "";
  for (const select of filterBox.querySelectorAll("select")) {
    select.value = params.get(select.name) ?? "";
  }
  if (Object.keys(chosenFilters()).length) filterDisclosure.open = true;
}

function urlFromState() {
  // Before the filter menus exist, the URL's filters still hold.
  const params = new URLSearchParams(engineLoaded ? "" : window.location.search);
  params.delete("q");
  const query = input.value.trim();
  if (query) params.set("q", query);
  for (const [key, value] of Object.entries(chosenFilters())) params.set(key, value);
  const search = params.toString();
  return search ? `?${search}` : window.location.pathname;
}

/** Keep in the history entry how many results are shown and where the page is scrolled. */
function rememberView() {
  window.history.replaceState({ shown, scroll: window.scrollY }, "");
}

async function buildFilters() {
  const filters = await pagefind.filters();
  const order = Object.keys(FILTER_LABELS);
  const rank = (key) => (order.includes(key) ? order.indexOf(key) : order.length);
  for (const key of Object.keys(filters).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))) {
    const id = `search-filter-${key}`;
    const label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = FILTER_LABELS[key] ?? key;
    const select = document.createElement("select");
    select.id = id;
    select.name = key;
    select.append(new Option("すべて", ""));
    const values = Object.entries(filters[key]).sort(([a], [b]) => a.localeCompare(b, "ja", { numeric: true }));
    for (const [value, count] of values) select.append(new Option(`${value}（${count}件）`, value));
    const field = document.createElement("div");
    field.className = "search-filter";
    field.append(label, select);
    filterBox.append(field);
  }
}
function resultItem(data) {
  const item = document.createElement("li");
  item.className = "search-result";
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  link.href = data.url;
  if (data.meta.code) {
    const code = document.createElement("span");
    code.className = "search-result-code";
    code.textContent = data.meta.code;
    link.append(code, " ");
  }
  link.append(data.meta.name ?? data.meta.title ?? data.url);
  heading.append(link);
  item.append(heading);
  const settlement = data.meta.settlement && `決算額 ${yenThousands(Number(data.meta.settlement))}千円`;
  const kind = data.meta.kind === "department" ? "部署のページ" : null;
  const organisation = [data.meta.department, data.meta.division].filter(Boolean).join(" ");
  const facts = [kind, organisation, data.meta.fiscal_year, settlement].filter(Boolean);
  if (facts.length) {
    const line = document.createElement("p");
    line.className = "search-result-meta";
    line.textContent = facts.join("　");
    item.append(line);
  }
  const excerpt = document.createElement("p");
  excerpt.className = "search-result-excerpt";
  // Pagefind escapes the page text and adds only <mark> elements.
  excerpt.innerHTML = readable(data.excerpt);
  item.append(excerpt);
  return item;
}

async function showMore(upTo = shown + PAGE_SIZE) {
  const mine = generation;
  const next = current.slice(shown, Math.max(upTo, shown + PAGE_SIZE));
  const data = await Promise.all(next.map((result) => result.data()));
  for (let start = 0; start < data.length; start += RESULTS_PER_TASK) {
    if (start) await nextTask();
    if (mine !== generation) return;
    list.append(...data.slice(start, start + RESULTS_PER_TASK).map(resultItem));
  }
  if (mine !== generation) return;
  shown += next.length;
  more.hidden = shown >= current.length;
}

/** Search for what the form holds. ``restore``: the history entry's view (results shown,
 * scroll position) to bring back; ``reveal``: bring the results into view (a search the
 * user asked for with the button or Enter). */
async function run({ restore = null, reveal = false } = {}) {
  const mine = ++generation;
  statusLine.dataset.state = "busy";
  const query = input.value.trim();
  const filters = chosenFilters();
  if (!query && Object.keys(filters).length === 0) {
    list.replaceChildren();
    more.hidden = true;
    current = [];
    statusLine.textContent = "キーワードを入力するか、絞り込みの条件を選んでください。";
    statusLine.dataset.state = "done";
    return;
  }
  statusLine.textContent = "検索しています…";
  await engineReady;
  const typed = searchable(query);
  let { searches, unknown } = typed ? await plan(typed) : { searches: [null], unknown: [] };
  let found = await Promise.all(searches.map((terms) => pagefind.search(terms, { filters })));
  if (typed && found.every((search) => !search.results.length)) {
    const again = await plan(typed, { kanaEndings: true });
    if (again.searches.join() !== searches.join()) {
      ({ searches, unknown } = again);
      found = await Promise.all(searches.map((terms) => pagefind.search(terms, { filters })));
    }
  }
  if (mine !== generation) return;
  const words = searches.length === 1 && searches[0] ? searches[0].split(" ") : [];
  current = await exactFirst(merged(found.map((search) => search.results)), typed.replace(/\s+/gu, ""), words);
  if (mine !== generation) return;
  shown = 0;
  list.replaceChildren();
  helpBox.replaceChildren();
  helpBox.hidden = true;
  more.hidden = true;
  const about = query ? `「${query}」の検索結果` : "絞り込みの結果";
  statusLine.textContent = current.length ? `${about}：${current.length}件` : `${about}：見つかりませんでした（0件）`;
  await showMore(restore?.shown ?? PAGE_SIZE);
  if (mine !== generation) return;
  if (!current.length && typed) await showHelp(typed, unknown, mine);
  if (restore) {
    window.scrollTo(0, restore.scroll ?? 0);
  } else if (reveal) {
    bringResultsIntoView();
  }
  rememberView();
  statusLine.dataset.state = "done";
}

/** The results of several searches as one list, best score first (a page once). */
function merged(lists) {
  const best = new Map();
  for (const result of lists.flat()) {
    if (!best.has(result.id) || best.get(result.id).score < result.score) best.set(result.id, result);
  }
  return [...best.values()].sort((a, b) => b.score - a.score);
}

/** How exactly a result is what was typed: its number or name 3, a department's page 2,
 * a project of the department or division 1, a name holding every word searched 0.5, else 0. */
function exactness(meta, typed, words) {
  const name = (meta.name ?? "").replace(/\s+/gu, "");
  if (meta.code === typed || (name === typed && meta.kind !== "department")) return 3;
  if (meta.kind === "department" && (name === typed || (meta.divisions ?? "").split("、").includes(typed))) return 2;
  if (meta.department === typed || meta.division === typed) return 1;
  return words.length && words.every((word) => name.includes(word)) ? 0.5 : 0;
}

const yearOf = (meta) => Number((meta.fiscal_year ?? "").match(/\d{4}/u)?.[0] ?? 0);

/** The results with the first PAGE_SIZE put in order of exactness (newer year first among
 * equals); their data is loaded once, as showing them needs it anyway. */
async function exactFirst(results, typed, words) {
  const head = results.slice(0, PAGE_SIZE);
  const data = await Promise.all(head.map((result) => result.data()));
  const ranked = head.map((result, i) => ({ result, data: data[i], rank: typed ? exactness(data[i].meta, typed, words) : 0, i }));
  ranked.sort((a, b) => b.rank - a.rank || (b.rank && yearOf(b.data.meta) - yearOf(a.data.meta)) || a.i - b.i);
  return [...ranked.map(({ result, data: loaded }) => ({ ...result, data: async () => loaded })), ...results.slice(PAGE_SIZE)];
}

function helpLinks(label, links) {
  const line = document.createElement("p");
  line.append(label);
  links.forEach(([text, href], i) => {
    const link = document.createElement("a");
    link.href = href;
    link.textContent = text;
    line.append(i ? "、" : "", link);
  });
  return line;
}

/** What to try when nothing was found (see searchquery.js help()). */
async function showHelp(typed, unknown, mine) {
  const { words, departments } = await help(typed);
  if (mine !== generation) return;
  const parts = [];
  if (unknown.length) parts.push(`「${unknown.join("」「")}」は、このサイトの言葉の読みにありません。`);
  if (words.length) parts.push(helpLinks("近い言葉：", words.map((word) => [word, `?q=${encodeURIComponent(word)}`])));
  if (departments.length) parts.push(helpLinks("名前が検索語と一部同じ部署：", departments.map(([name, url]) => [name, url])));
  parts.push(helpLinks("", [["事業一覧からさがす", new URL("../projects/", import.meta.url).pathname]]));
  helpBox.replaceChildren(...parts.map((part) => (typeof part === "string" ? Object.assign(document.createElement("p"), { textContent: part }) : part)));
  helpBox.hidden = false;
}

/** Move to the results heading (the status line under it announces the count). */
function bringResultsIntoView() {
  const top = resultsHeading.getBoundingClientRect().top;
  resultsHeading.focus({ preventScroll: true });
  if (top < 0 || top > window.innerHeight / 3) resultsHeading.scrollIntoView({ block: "start" });
}

let typing = 0;
function scheduleRun() {
  window.clearTimeout(typing);
  typing = window.setTimeout(() => {
    window.history.replaceState(null, "", urlFromState());
    run();
  }, 300);
}

async function loadEngine() {
  pagefind = await import(new URL("../pagefind/pagefind.js", import.meta.url).href);
  await pagefind.options({ excerptLength: 40 });
  await pagefind.init();
  await buildFilters();
  engineLoaded = true;
}

// The form answers from the start; each search waits for the engine.
window.history.scrollRestoration = "manual"; // the results are drawn by script: run() scrolls
const engineReady = loadEngine();
if (!input.value) input.value = new URLSearchParams(window.location.search).get("q") ?? "";
form.addEventListener("submit", (event) => {
  event.preventDefault();
  window.clearTimeout(typing);
  if (!engineLoaded) searchedBeforeReady = true;
  rememberView();
  window.history.pushState(null, "", urlFromState());
  run({ reveal: true });
});
input.addEventListener("input", () => {
  if (!engineLoaded) typedBeforeReady = true;
  scheduleRun();
});
filterBox.addEventListener("change", scheduleRun);
more.addEventListener("click", async () => {
  await showMore();
  rememberView();
});
let scrolling = 0;
window.addEventListener("scroll", () => {
  window.clearTimeout(scrolling);
  scrolling = window.setTimeout(rememberView, 150);
});
window.addEventListener("pagehide", rememberView);
window.addEventListener("popstate", (event) => {
  stateFromUrl();
  run({ restore: event.state });
});

engineReady
  .then(() => {
    const restore = window.history.state;
    stateFromUrl({ keepQuery: typedBeforeReady });
    if (typedBeforeReady) {
      window.history.replaceState(null, "", urlFromState());
      return run({ reveal: searchedBeforeReady });
    }
    return run({ restore, reveal: searchedBeforeReady });
  })
  .catch((error) => {
    statusLine.textContent = "検索を読み込めませんでした。ページを再読み込みしてください。";
    throw error;
  });
