import { describe, expect, it } from "vitest";
import { messages } from "./messages";
import { makeTranslator } from "./translate";

describe("plural forms", () => {
  it("English says 1 task and 2 tasks", () => {
    const t = makeTranslator(messages.en, "en");
    expect(t("board.columnCount", { count: 1 })).toBe("1 task");
    expect(t("board.columnCount", { count: 2 })).toBe("2 tasks");
    expect(t("board.columnCount", { count: 0 })).toBe("0 tasks");
  });

  it("Korean has one form", () => {
    const t = makeTranslator(messages.ko, "ko");
    expect(t("board.columnCount", { count: 1 })).toBe("작업 1개");
    expect(t("board.columnCount", { count: 2 })).toBe("작업 2개");
  });
});
