/*
 * Agents echo instructions and think aloud, so structured answers are asked for in a fenced
 * block and read from the LAST block with that tag (ideas' switchboard-questions, a link
 * analysis's json). No "server-only": pure text.
 */

/** The body of the last ```<tag> ... ``` block, or null. Tolerates CRLF, indentation and a missing closing fence at the end. */
export function lastFencedBlock(text: string, tag: string): string | null {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  let body: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() !== "```" + tag) continue;
    const collected: string[] = [];
    let j = i + 1;
    while (j < lines.length && !/^\s*```\s*$/.test(lines[j]!)) collected.push(lines[j++]!);
    body = collected.join("\n");
    i = j;
  }
  return body;
}
