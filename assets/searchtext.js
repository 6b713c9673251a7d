// The one normalisation of text that search compares (builder/search/text.py holds the same
// rule for the index text): Unicode NFKC, so ﾛﾎﾞｯﾄ is ロボット and ＳＴＥＡＭ is STEAM; but
// a character whose NFKC form holds no letter, digit or combining mark (（ ） ～ …) stays
// as printed, as it does in the index, where search ignores it anyway.

const LETTER_DIGIT_OR_MARK = /[\p{L}\p{N}\p{M}]/u;

/** Whether a character keeps its printed form: NFKC changes it into no letter, digit or mark. */
function keptAsPrinted(char) {
  const folded = char.normalize("NFKC");
  return folded !== char && !LETTER_DIGIT_OR_MARK.test(folded);
}

/** The text as search compares it (see builder/search/text.py). */
export function searchable(text) {
  let out = "";
  let run = "";
  for (const char of text) {
    if (keptAsPrinted(char)) {
      out += run.normalize("NFKC") + char;
      run = "";
    } else {
      run += char;
    }
  }
  return out + run.normalize("NFKC");
}
