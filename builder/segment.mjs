// Split Japanese text into words with ICU, as the browser's Intl.Segmenter does.
// Used by builder/search.py: reads a JSON array of strings on stdin and writes a JSON
// array holding, for each string, the list of its word-break segments (words,
// punctuation and whitespace runs, in order; joined they give the string back).
const chunks = [];
for await (const chunk of process.stdin) {
  chunks.push(chunk);
}
const texts = JSON.parse(Buffer.concat(chunks).toString("utf8"));
const segmenter = new Intl.Segmenter("ja", { granularity: "word" });
const segmented = texts.map((text) => Array.from(segmenter.segment(text), (s) => s.segment));
process.stdout.write(JSON.stringify(segmented));
