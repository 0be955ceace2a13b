// Splits a search string into words: whitespace separates, double quotes group ("two words",
// subject:"two words", -"not this") and are dropped. An unclosed quote runs to the end.
export function splitWords(query: string): string[] {
  const words: string[] = [];
  let current = '';
  let quoted = false;
  let started = false;
  for (const char of query) {
    if (char === '"') {
      quoted = !quoted;
      started = true;
    } else if (!quoted && /\s/.test(char)) {
      if (started) words.push(current);
      current = '';
      started = false;
    } else {
      current += char;
      started = true;
    }
  }
  if (started) words.push(current);
  return words.filter((word) => word.trim() !== '');
}
