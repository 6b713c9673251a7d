// Split Japanese text into words with ICU, as the browser's Intl.Segmenter does.
// Used by builder/util/segmenter.py: reads a JSON array of strings on stdin and writes a JSON
// array holding, for each string, the list of its word-break segments (words,
// punctuation and whitespace runs, in order; joined they give the string back).
//
// ICU's word iterator slows down with the square of the length of a long text of many
// short words, so a text longer than PIECE is segmented in pieces cut after a sentence end
// or a line end (where a word always ends, so the words are the same); a piece with no
// such place in PIECE characters is cut there (only the word at the cut can differ).
const PIECE = 1000;
const CUT_AFTER = /[。．！？!?\n]/u;
const ATTACHED = /[\p{M}\p{Cf}]/u; // marks that join the character before them

function pieces(text) {
  const found = [];
  let start = 0;
  while (text.length - start > PIECE) {
    let cut = 0;
    for (let i = start + PIECE; i > start && !cut; i--) {
      if (CUT_AFTER.test(text[i - 1]) && !ATTACHED.test(text[i])) cut = i;
    }
    if (!cut) {
      cut = start + PIECE;
      const code = text.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) cut -= 1; // never between the halves of a surrogate pair
    }
    found.push(text.slice(start, cut));
    start = cut;
  }
  found.push(text.slice(start));
  return found;
}

const chunks = [];
for await (const chunk of process.stdin) {
  chunks.push(chunk);
}
const texts = JSON.parse(Buffer.concat(chunks).toString("utf8"));
const segmenter = new Intl.Segmenter("ja", { granularity: "word" });
const segmented = texts.map((text) =>
  pieces(text).flatMap((piece) => Array.from(segmenter.segment(piece), (s) => s.segment)),
);
process.stdout.write(JSON.stringify(segmented));
