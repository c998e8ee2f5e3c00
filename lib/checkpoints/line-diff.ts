/**
 * A unified diff of two texts, for checkpoint diffs (the files are not in one git
 * repository, so git cannot be asked). Longest common subsequence by dynamic programming,
 * which is exact and plenty fast for source files; past MAX_CELLS the whole file counts as
 * replaced rather than spending seconds on it.
 */

const MAX_CELLS = 4_000_000;
const CONTEXT = 3;

type Op = { kind: " " | "-" | "+"; line: string; a: number; b: number };

function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

function ops(a: string[], b: string[]): Op[] {
  // Common prefix and suffix first: most edits touch a few lines of a long file.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const out: Op[] = [];
  for (let i = 0; i < start; i++) out.push({ kind: " ", line: a[i]!, a: i, b: i });
  const n = endA - start;
  const m = endB - start;
  if (n * m > MAX_CELLS) {
    for (let i = start; i < endA; i++) out.push({ kind: "-", line: a[i]!, a: i, b: start });
    for (let j = start; j < endB; j++) out.push({ kind: "+", line: b[j]!, a: endA, b: j });
  } else {
    const table = new Uint32Array((n + 1) * (m + 1));
    const at = (i: number, j: number) => i * (m + 1) + j;
    for (let i = n - 1; i >= 0; i--)
      for (let j = m - 1; j >= 0; j--)
        table[at(i, j)] = a[start + i] === b[start + j] ? table[at(i + 1, j + 1)]! + 1 : Math.max(table[at(i + 1, j)]!, table[at(i, j + 1)]!);
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[start + i] === b[start + j]) {
        out.push({ kind: " ", line: a[start + i]!, a: start + i, b: start + j });
        i++;
        j++;
      } else if (i < n && (j === m || table[at(i + 1, j)]! >= table[at(i, j + 1)]!)) {
        // Deletions first, as git shows them.
        out.push({ kind: "-", line: a[start + i]!, a: start + i, b: start + j });
        i++;
      } else {
        out.push({ kind: "+", line: b[start + j]!, a: start + i, b: start + j });
        j++;
      }
    }
  }
  for (let k = 0; k < a.length - endA; k++) out.push({ kind: " ", line: a[endA + k]!, a: endA + k, b: endB + k });
  return out;
}

export type LineDiff = { additions: number; deletions: number; hunks: string };

/** Counts and the `@@` hunks (without file headers) between `before` and `after`. */
export function lineDiff(before: string, after: string): LineDiff {
  const all = ops(splitLines(before), splitLines(after));
  const additions = all.filter((o) => o.kind === "+").length;
  const deletions = all.filter((o) => o.kind === "-").length;
  const hunks: string[] = [];
  let k = 0;
  while (k < all.length) {
    if (all[k]!.kind === " ") {
      k++;
      continue;
    }
    const from = Math.max(0, k - CONTEXT);
    let to = k;
    // Extend while the next change is within two contexts of this one.
    for (let q = k; q < all.length; q++) {
      if (all[q]!.kind !== " ") to = q;
      else if (q - to > 2 * CONTEXT) break;
    }
    const end = Math.min(all.length, to + CONTEXT + 1);
    const slice = all.slice(from, end);
    const aCount = slice.filter((o) => o.kind !== "+").length;
    const bCount = slice.filter((o) => o.kind !== "-").length;
    const aStart = slice[0]!.a + (aCount ? 1 : 0);
    const bStart = slice[0]!.b + (bCount ? 1 : 0);
    hunks.push(`@@ -${aStart},${aCount} +${bStart},${bCount} @@\n${slice.map((o) => `${o.kind}${o.line}`).join("\n")}\n`);
    k = end;
  }
  return { additions, deletions, hunks: hunks.join("") };
}
