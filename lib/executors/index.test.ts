import { describe, expect, it } from "vitest";
import { EXECUTORS } from "@/lib/domain";
import { getExecutor, isExecutorId } from "./index";

describe("executor registry", () => {
  it("has one executor for every executor id an agent can name", () => {
    for (const id of EXECUTORS) expect(getExecutor(id).id).toBe(id);
    expect(isExecutorId("script")).toBe(true);
    expect(isExecutorId("bogus")).toBe(false);
  });
});
