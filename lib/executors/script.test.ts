import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { testContext } from "@/tests/stand-ins/context";
import { createScriptExecutor } from "./script";

async function waitFor(check: () => boolean, ms = 5_000) {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("script executor (stand-in: bash itself)", () => {
  it("runs the task as a bash command in the project directory, stdout and stderr kept apart", async () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "sb-script-")));
    const { ctx, events, pids } = testContext({ cwd: dir, task: 'pwd; echo "to stderr" >&2; printf "a\\nb"' });
    const result = await createScriptExecutor().run(ctx);
    expect(result).toEqual({ exitCode: 0 });
    expect(events.filter((e) => e.stream === "stdout")).toEqual([
      { stream: "stdout", kind: "text", text: dir },
      { stream: "stdout", kind: "text", text: "a" },
      { stream: "stdout", kind: "text", text: "b" },
    ]);
    expect(events.filter((e) => e.stream === "stderr")).toEqual([{ stream: "stderr", kind: "text", text: "to stderr" }]);
    expect(pids).toHaveLength(1);
  });

  it("fails a non-zero exit with 'Exited with code N'", async () => {
    const { ctx } = testContext({ task: "echo partial; exit 3" });
    expect(await createScriptExecutor().run(ctx)).toEqual({ exitCode: 3, error: "Exited with code 3" });
  });

  it("fails with a clear error when the project directory is missing", async () => {
    const { ctx } = testContext({ cwd: "/nonexistent/project", task: "true" });
    expect(await createScriptExecutor().run(ctx)).toEqual({ exitCode: null, error: "Project directory not found: /nonexistent/project" });
  });

  it("stops promptly on cancel when the script honours SIGTERM", async () => {
    const { ctx, controller, events } = testContext({ task: "echo started; sleep 30" });
    const started = Date.now();
    const running = createScriptExecutor({ killGraceMs: 10_000 }).run(ctx);
    await waitFor(() => events.length > 0);
    controller.abort();
    const result = await running;
    expect(result.error).toBe("Cancelled.");
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("kills a script that ignores SIGTERM, and its children, with SIGKILL after the grace period", async () => {
    const grace = 400;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sb-script-kill-"));
    // The background child beats into a file; once the run is killed, the beats stop.
    const task = 'trap "" TERM; (trap "" TERM; while true; do echo beat >> beats; sleep 0.05; done) & echo started; wait';
    const { ctx, controller, events } = testContext({ cwd: dir, task });
    const running = createScriptExecutor({ killGraceMs: grace }).run(ctx);
    await waitFor(() => events.some((e) => e.text === "started") && fs.existsSync(path.join(dir, "beats")));

    const abortedAt = Date.now();
    controller.abort();
    const result = await running;
    const took = Date.now() - abortedAt;

    expect(result.exitCode).toBeNull();
    expect(result.error).toBe("Cancelled.");
    expect(took).toBeGreaterThanOrEqual(grace - 20); // SIGTERM was ignored: only SIGKILL ended it
    expect(took).toBeLessThan(grace + 4_000);
    const beats = fs.readFileSync(path.join(dir, "beats"), "utf8").length;
    await new Promise((r) => setTimeout(r, 300));
    expect(fs.readFileSync(path.join(dir, "beats"), "utf8").length).toBe(beats); // the child died with bash
  });
});
