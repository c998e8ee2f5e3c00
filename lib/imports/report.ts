import type { ImportCounts, ImportProblem, ImportText } from "@/db/schema";
import type { ImportKind } from "@/lib/domain";

/** The i18n key of a reason (lib/i18n/messages/imports.ts), with its values. */
export const reason = (key: string, vars?: ImportText["vars"]): ImportText => ({ key: `import.reason.${key}`, vars });

/**
 * What an import did, per kind: how many rows came in and how many were left out, and why
 * (one line per kind and reason, with a count and one example, so a file with 10,000 runs of a
 * skipped agent says so once).
 */
export class ImportReport {
  readonly counts: ImportCounts = {};
  private readonly byReason = new Map<string, ImportProblem>();

  private entry(kind: ImportKind) {
    return (this.counts[kind] ??= { imported: 0, skipped: 0 });
  }

  imported(kind: ImportKind, n = 1): void {
    this.entry(kind).imported += n;
  }

  skipped(kind: ImportKind, why: ImportText, example?: string, n = 1): void {
    this.entry(kind).skipped += n;
    const key = `${kind}\u0000${JSON.stringify(why)}`;
    const problem = this.byReason.get(key);
    if (problem) problem.count += n;
    else this.byReason.set(key, { kind, reason: why, count: n, ...(example ? { example: example.slice(0, 200) } : {}) });
  }

  get problems(): ImportProblem[] {
    return [...this.byReason.values()];
  }
}

/** The whole file is refused: nothing of it is imported, and `text` says why. */
export class ImportRefused extends Error {
  constructor(public readonly text: ImportText) {
    super(text.key);
    this.name = "ImportRefused";
  }
}

export const refuse = (key: string, vars?: ImportText["vars"]): never => {
  throw new ImportRefused({ key: `import.error.${key}`, vars });
};
