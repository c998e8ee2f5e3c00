import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AGENT_TYPES, EXECUTORS } from "@/lib/agents/schemas";
import { errors } from "@/lib/i18n/messages/errors";
import { mcp } from "@/lib/i18n/messages/mcp";
import { workspace } from "@/lib/i18n/messages/workspace";

const ROOT = path.resolve(__dirname, "../..");
const SOURCES = ["lib/projects", "lib/agents", "app/(app)/projects", "app/(app)/agents", "app/api/v1/projects", "app/api/v1/agents"];

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return files(full);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith(".test.ts") ? [full] : [];
  });
}

describe("lib/i18n/messages/workspace.ts", () => {
  it("has the same keys in English and Korean, all non-empty and prefixed project. or agent.", () => {
    expect(Object.keys(workspace.ko).sort()).toEqual(Object.keys(workspace.en).sort());
    for (const [key, text] of [...Object.entries(workspace.en), ...Object.entries(workspace.ko)]) {
      expect(key).toMatch(/^(project|agent)\./);
      expect(text.trim(), key).not.toBe("");
    }
  });

  it("uses the same {placeholders} in both languages", () => {
    const vars = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(workspace.en) as Array<keyof typeof workspace.en>) {
      expect(vars(workspace.ko[key]), key).toEqual(vars(workspace.en[key]));
    }
  });

  it("has every key the projects and agents code names", () => {
    // The agent form's MCP server picker keeps its strings with the MCP area (lib/i18n/messages/mcp.ts).
    const known = new Set([...Object.keys(workspace.en), ...Object.keys(errors.en), ...Object.keys(mcp.en)]);
    const used = new Set<string>();
    for (const dir of SOURCES) {
      for (const file of files(path.join(ROOT, dir))) {
        for (const m of fs.readFileSync(file, "utf8").matchAll(/["'`]((?:project|agent|errors)\.[\w.-]+)["'`]/g)) used.add(m[1]!);
      }
    }
    for (const e of EXECUTORS) used.add(`agent.executor.${e}`);
    for (const type of AGENT_TYPES) used.add(`agent.type.${type}`);
    const missing = [...used].filter((k) => !known.has(k));
    expect(missing).toEqual([]);
    expect(used.size).toBeGreaterThan(50);
  });
});
