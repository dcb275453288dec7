// **lineCount** counts the lines of N-Triples text (one triple per line, each ending in a newline).
export function lineCount(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
