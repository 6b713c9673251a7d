// What a query asks Pagefind for, and the help shown when it finds nothing.
//
// A part of the query (parts are cut at spaces) written only in kana is read as the site's
// own words: the build wrote, for each reading, the words of the site that read so
// (builder/search/readings.py: search/readings/<first kana>.json). The part is one reading,
// or the fewest readings of two kana or more that make it up; each stands for its words
// (こそだて → 子育て, ろぼっと → ロボット, こそだてしえん → 子育て 支援). A kana part that is
// not made of readings matches nothing: a single kana or a particle is never searched, so
// it never makes every page a result. Other parts (kanji, Latin letters, digits) go to
// Pagefind as typed; one that finds nothing is tried again with its kana ending read as
// words (子育てしえん → 子育て 支援). Readings are never indexed, so they never show in an excerpt.

const KANA_ONLY = /^[\u3041-\u3096\u30a1-\u30fa\u30fc]+$/u;
const KANA_TAIL = /(?<=[^\u3041-\u3096\u30a1-\u30fa\u30fc])[\u3041-\u3096\u30a1-\u30fa\u30fc]{2,}$/u;
const MAX_SEARCHES = 8; // combinations of words tried for one query
const readingsUrl = new URL("../search/readings/", import.meta.url);
const wordsUrl = new URL("../search/words.json", import.meta.url);
const shards = new Map();
let vocabulary = null;

/** Katakana as hiragana (ー stays). */
export function hiragana(text) {
  return text.replace(/[\u30a1-\u30f6]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
}

async function fetchJson(url) {
  const response = await fetch(url);
  return response.ok ? response.json() : {};
}

/** The readings that start with ``kana`` (one shard, fetched once). */
function shard(kana) {
  if (!shards.has(kana)) shards.set(kana, fetchJson(new URL(`${kana.codePointAt(0).toString(16)}.json`, readingsUrl)));
  return shards.get(kana);
}

/** The fewest readings of two kana or more that make up ``kana``, each with its words; null if none. */
async function readingsOf(kana) {
  const known = Object.assign({}, ...(await Promise.all([...new Set(kana)].map(shard))));
  const best = [[]];
  for (let end = 1; end <= kana.length; end++) {
    for (let start = Math.max(0, end - 30); start <= end - 2; start++) {
      const words = known[kana.slice(start, end)];
      if (words && best[start] && (!best[end] || best[start].length + 1 < best[end].length)) {
        best[end] = [...best[start], words];
      }
    }
  }
  return best[kana.length] ?? null;
}

/** A part in kanji that ends in kana (子育てしえん) as the part and the words of the longest
 * kana ending that is made of readings (子育て 支援); the part alone if it has none. */
async function withKanaEnding(part) {
  const tail = part.match(KANA_TAIL)?.[0] ?? "";
  for (let start = 0; start + 2 <= tail.length; start++) {
    const words = await readingsOf(hiragana(tail.slice(start)));
    if (words) return [[part.slice(0, part.length - tail.length + start)], ...words];
  }
  return [[part]];
}

/** The Pagefind queries for ``query`` (already searchable()), and its kana parts that are no
 * word. ``kanaEndings``: read the kana ending of a part in kanji too (tried when the part as
 * typed finds nothing). */
export async function plan(query, { kanaEndings = false } = {}) {
  let combinations = [[]];
  const unknown = [];
  for (const part of query.split(/\s+/u).filter(Boolean)) {
    const choices = KANA_ONLY.test(part) ? await readingsOf(hiragana(part))
      : kanaEndings ? await withKanaEnding(part) : [[part]];
    if (!choices) {
      unknown.push(part);
      continue;
    }
    for (const words of choices) {
      combinations = combinations.flatMap((done) => words.map((word) => [...done, word])).slice(0, MAX_SEARCHES);
    }
  }
  return { searches: unknown.length ? [] : combinations.map((words) => words.join(" ")), unknown };
}

/** How far apart two strings are, in inserted, removed or changed characters (stops past 1). */
function farther(a, b) {
  if (Math.abs(a.length - b.length) > 1) return 2;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const rest = (x, y) => (a.slice(x) === b.slice(y) ? 1 : 2);
  return a === b ? 0 : Math.min(rest(i + 1, i + 1), rest(i + 1, i), rest(i, i + 1));
}

/** Help for a query that found nothing: the nearest words of the site (same reading, or one
 * character off) and the departments whose names (or divisions) share two characters with it. */
export async function help(query) {
  vocabulary ??= fetchJson(wordsUrl);
  const { readings = {}, departments = [] } = await vocabulary;
  const typed = query.replace(/\s+/gu, "");
  const kana = KANA_ONLY.test(typed) ? hiragana(typed) : null;
  const near = new Set();
  for (const [reading, words] of Object.entries(readings)) {
    for (const word of words) {
      if ((kana && farther(kana, reading) <= 1) || (!kana && farther(typed, word) <= 1)) near.add(word);
    }
  }
  const pairs = [...typed].slice(0, -1).map((c, i) => c + typed[i + 1]);
  const shares = (name) => pairs.some((pair) => name.includes(pair));
  return {
    words: [...near].sort((a, b) => a.localeCompare(b, "ja")).slice(0, 8),
    departments: departments.filter(([name, , divisions]) => shares(name) || divisions.some(shares)),
  };
}
