import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { LocalizedError, renderText } from "@/lib/i18n/localized-error";
import { makeTranslator } from "@/lib/i18n/translate";
import { workspace } from "@/lib/i18n/messages/workspace";
import { createAgent, deleteAgent, getAgent, listAgents, updateAgent } from "./agents";
import { exportAgent, exportContentDisposition, importAgents, readImportText } from "./import-export";
import { agentCreateSchema, agentFormSchema } from "./schemas";
import { testUser } from "@/tests/factories";
import type { Plan } from "@/lib/domain";

const FIXTURES = path.resolve(__dirname, "../../tests/fixtures/opcode-agents");
const fixtureFiles = fs.readdirSync(FIXTURES).filter((f) => f.endsWith(".json"));
const readFixture = (file: string) => JSON.parse(fs.readFileSync(path.join(FIXTURES, file), "utf8"));

const newUser = (plan: Plan = "PRO") => testUser({ plan });

const input = (fields: Record<string, unknown>) => agentCreateSchema.parse(fields);

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("agents CRUD", () => {
  it("creates with defaults, reads, updates and deletes", async () => {
    const user = await newUser();
    const agent = await createAgent(user.id, input({ name: "Reviewer", systemPrompt: "Review the diff." }));
    expect(agent).toMatchObject({
      name: "Reviewer",
      icon: "bot",
      systemPrompt: "Review the diff.",
      defaultTask: null,
      model: "sonnet",
      executor: "claude-code",
      type: "development",
      tools: [],
      enableFileRead: true,
      enableFileWrite: true,
      enableNetwork: false,
      hooks: null,
    });
    expect(await getAgent(user.id, agent.id)).toEqual(agent);

    const updated = await updateAgent(user.id, agent.id, {
      model: "opus",
      executor: "script",
      type: "support",
      tools: ["Read", "Bash"],
      enableNetwork: true,
      hooks: { PreToolUse: [{ matcher: "Bash", hooks: [{ type: "command", command: "echo hi" }] }] },
      defaultTask: "Review the last commit.",
    });
    expect(updated).toMatchObject({ name: "Reviewer", model: "opus", executor: "script", type: "support", tools: ["Read", "Bash"], enableNetwork: true });
    expect(updated.hooks).toEqual({ PreToolUse: [{ matcher: "Bash", hooks: [{ type: "command", command: "echo hi" }] }] });
    expect(updated.defaultTask).toBe("Review the last commit.");

    await deleteAgent(user.id, agent.id);
    await expect(getAgent(user.id, agent.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("keeps every user's agents to that user", async () => {
    const alice = await newUser();
    const bob = await newUser();
    const agent = await createAgent(alice.id, input({ name: "Private" }));
    await expect(getAgent(bob.id, agent.id)).rejects.toMatchObject({ code: "not_found", status: 404 });
    await expect(updateAgent(bob.id, agent.id, { name: "Stolen" })).rejects.toMatchObject({ code: "not_found" });
    await expect(deleteAgent(bob.id, agent.id)).rejects.toMatchObject({ code: "not_found" });
    expect((await listAgents(bob.id, { limit: 10 })).data).toEqual([]);
    // Bob may use the same name: names are unique per user.
    await createAgent(bob.id, input({ name: "Private" }));
    expect((await getAgent(alice.id, agent.id)).name).toBe("Private");
  });

  it("refuses a name the user already has with a 409 on the name field", async () => {
    const user = await newUser();
    await createAgent(user.id, input({ name: "Twin" }));
    const other = await createAgent(user.id, input({ name: "Other" }));
    const error = await refusal(createAgent(user.id, input({ name: "Twin" })));
    expect(error).toMatchObject({ code: "conflict", fields: { name: "You already have an agent named “Twin”. Choose another name." } });
    await expect(updateAgent(user.id, other.id, { name: "Twin" })).rejects.toMatchObject({ code: "conflict" });
    // Renaming an agent to its own name is fine.
    await expect(updateAgent(user.id, other.id, { name: "Other" })).resolves.toMatchObject({ name: "Other" });
  });

  it("lists newest first, a page at a time", async () => {
    const user = await newUser();
    for (const name of ["a", "b", "c", "d", "e"]) await createAgent(user.id, input({ name }));
    const first = await listAgents(user.id, { limit: 2 });
    expect(first.data.map((a) => a.name)).toEqual(["e", "d"]);
    const second = await listAgents(user.id, { limit: 2, cursor: first.nextCursor! });
    expect(second.data.map((a) => a.name)).toEqual(["c", "b"]);
    const third = await listAgents(user.id, { limit: 2, cursor: second.nextCursor! });
    expect(third).toEqual({ data: [expect.objectContaining({ name: "a" })], nextCursor: null });
  });
});

describe("plan limits", () => {
  it("refuses a fourth agent on FREE with a 403 naming the plan and the way out", async () => {
    const user = await newUser("FREE");
    for (const name of ["1", "2", "3"]) await createAgent(user.id, input({ name }));
    const error = await refusal(createAgent(user.id, input({ name: "4" })));
    expect(error.status).toBe(403);
    expect(error.code).toBe("forbidden");
    expect(error.message).toBe("Your FREE plan allows 3 agents. Upgrade to PRO at /billing for unlimited agents.");
    // The same refusal, in Korean for the pages.
    expect(renderText(makeTranslator(workspace.ko), (error as LocalizedError).text)).toContain("FREE 요금제에서는 에이전트를 3개까지");
  });

  it("lets only one of two concurrent creates take the last slot", async () => {
    const user = await newUser("FREE");
    await createAgent(user.id, input({ name: "1" }));
    await createAgent(user.id, input({ name: "2" }));
    const results = await Promise.allSettled([createAgent(user.id, input({ name: "x" })), createAgent(user.id, input({ name: "y" }))]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toMatchObject({ code: "forbidden" });
    expect((await listAgents(user.id, { limit: 10 })).data).toHaveLength(3);
  });

  it("counts imports: a file that does not fit is refused whole", async () => {
    const user = await newUser("FREE");
    await createAgent(user.id, input({ name: "Mine" }));
    const file = fixtureFiles.map(readFixture);
    const error = await refusal(importAgents(user.id, file));
    expect(error.code).toBe("forbidden");
    expect(error.message).toContain("Upgrade to PRO at /billing for unlimited agents.");
    expect((await listAgents(user.id, { limit: 10 })).data).toHaveLength(1);
    // Two still fit.
    await expect(importAgents(user.id, file.slice(0, 2))).resolves.toHaveLength(2);
  });

  it("PRO has no agent limit", async () => {
    const user = await newUser("PRO");
    for (let i = 0; i < 5; i++) await createAgent(user.id, input({ name: `a${i}` }));
    expect((await listAgents(user.id, { limit: 10 })).data).toHaveLength(5);
  });
});

describe("import", () => {
  it.each(fixtureFiles)("imports the opcode export %s as it is", async (file) => {
    const user = await newUser();
    const text = fs.readFileSync(path.join(FIXTURES, file), "utf8");
    const source = JSON.parse(text).agent;
    const [agent] = await importAgents(user.id, readImportText(text));
    expect(agent).toMatchObject({
      name: source.name,
      icon: source.icon,
      model: source.model,
      systemPrompt: source.system_prompt,
      defaultTask: source.default_task,
      executor: "claude-code",
      enableFileRead: true,
      enableFileWrite: true,
      enableNetwork: false,
      hooks: null,
    });
    expect(await getAgent(user.id, agent!.id)).toEqual(agent);
  });

  it("imports an array in one go, in file order", async () => {
    const user = await newUser();
    const created = await importAgents(user.id, fixtureFiles.map(readFixture));
    expect(created.map((a) => a.name)).toEqual(fixtureFiles.map((f) => readFixture(f).agent.name));
    expect((await listAgents(user.id, { limit: 10 })).data).toHaveLength(fixtureFiles.length);
  });

  it("imports a name the user already has as '<name> (Imported)', then '(Imported 2)'", async () => {
    const user = await newUser();
    const file = readFixture("changelog-writer.opcode.json");
    const [first] = await importAgents(user.id, file);
    const [second] = await importAgents(user.id, file);
    const [third, fourth] = await importAgents(user.id, [file, file]);
    expect([first!.name, second!.name, third!.name, fourth!.name]).toEqual([
      "Changelog Writer",
      "Changelog Writer (Imported)",
      "Changelog Writer (Imported 2)",
      "Changelog Writer (Imported 3)",
    ]);
  });

  it("reads older opcode exports: permission flags, sandbox_enabled, hooks as a JSON string", async () => {
    const user = await newUser();
    const hooks = { PreToolUse: [{ matcher: "Bash", hooks: [{ type: "command", command: "./check.sh" }] }] };
    const [agent] = await importAgents(user.id, {
      version: 1,
      exported_at: "2025-01-01T00:00:00Z",
      agent: {
        name: "Old Timer",
        icon: "terminal",
        model: "haiku",
        system_prompt: "Be brief.",
        default_task: null,
        enable_file_read: true,
        enable_file_write: false,
        enable_network: 1,
        sandbox_enabled: true,
        hooks: JSON.stringify(hooks),
      },
    });
    expect(agent).toMatchObject({ name: "Old Timer", enableFileRead: true, enableFileWrite: false, enableNetwork: true, defaultTask: null, hooks });
  });

  it("refuses version 2 with a message, and imports nothing", async () => {
    const user = await newUser();
    const file = { ...readFixture("dependency-auditor.opcode.json"), version: 2 };
    const error = await refusal(importAgents(user.id, file));
    expect(error.code).toBe("validation");
    expect(error.message).toBe(
      "Nothing was imported. Agent 1 of 1 (“Dependency Auditor”): version 2 is not supported; only version 1 agent exports can be imported.",
    );
    expect((await listAgents(user.id, { limit: 10 })).data).toEqual([]);
  });

  it("refuses a whole file for one bad item, naming it", async () => {
    const user = await newUser();
    const good = readFixture("flaky-test-hunter.opcode.json");
    const cases: Array<[unknown, string]> = [
      [[good, { version: 1, agent: { name: "Broken", hooks: "{not json" } }], "Agent 2 of 2 (“Broken”): hooks is a string but not valid JSON."],
      [[good, { version: 1, agent: { name: "Bad", executor: "telnet" } }], "Agent 2 of 2 (“Bad”): executor: Choose one of:"],
      [[good, { version: 1, agent: { icon: "bot" } }], "Agent 2 of 2: name: This field is required."],
      [[good, { version: 1 }], "Agent 2 of 2: it has no \"agent\" object."],
      [[good, { agent: { name: "No version" } }], "Agent 2 of 2 (“No version”): it has no version"],
      [[good, "hello"], "Agent 2 of 2: it is not an agent export object."],
      [[good, { version: 1, agent: { name: "x".repeat(101) } }], "name: This is too long."],
      [[], "The file holds no agents."],
    ];
    for (const [file, message] of cases) {
      const error = await refusal(importAgents(user.id, file));
      expect(error.code).toBe("validation");
      expect(error.message).toContain(message);
    }
    expect((await listAgents(user.id, { limit: 10 })).data).toEqual([]);
  });

  it("says so when a file is not JSON", () => {
    expect(() => readImportText("{ nope")).toThrow("The file is not valid JSON.");
    expect(readImportText('\uFEFF{"version":1}')).toEqual({ version: 1 });
  });
});

describe("export", () => {
  it("writes the version 1 agent-export format, and importing it back keeps every field", async () => {
    const alice = await newUser();
    const bob = await newUser();
    const hooks = { PostToolUse: [{ matcher: "Edit", hooks: [{ type: "command", command: "npm run lint" }] }] };
    const agent = await createAgent(
      alice.id,
      input({
        name: "Linter",
        icon: "wrench",
        systemPrompt: "Fix lint errors.\nOnly those.",
        defaultTask: "Run the linter and fix what it reports.",
        model: "opus",
        enableFileRead: true,
        enableFileWrite: false,
        enableNetwork: true,
        hooks,
      }),
    );
    const exported = await exportAgent(alice.id, agent);
    expect(Object.keys(exported)).toEqual(["version", "exported_at", "agent"]);
    expect(exported.version).toBe(1);
    expect(Date.parse(exported.exported_at)).not.toBeNaN();
    expect(exported.agent).toEqual({
      name: "Linter",
      icon: "wrench",
      systemPrompt: "Fix lint errors.\nOnly those.",
      defaultTask: "Run the linter and fix what it reports.",
      model: "opus",
      enableFileRead: true,
      enableFileWrite: false,
      enableNetwork: true,
      hooks,
    });

    // Through JSON text, as a downloaded file would be.
    const [copy] = await importAgents(bob.id, readImportText(JSON.stringify(exported, null, 2)));
    expect((await exportAgent(bob.id, copy!)).agent).toEqual(exported.agent);
    // Back into the same account: same fields, new name.
    const [again] = await importAgents(alice.id, exported);
    expect(again!.name).toBe("Linter (Imported)");
    expect({ ...(await exportAgent(alice.id, again!)).agent, name: "Linter" }).toEqual(exported.agent);
  });

  it("names the download after the agent", () => {
    expect(exportContentDisposition("Git Commit Bot")).toBe(
      `attachment; filename="git-commit-bot.agent.json"; filename*=UTF-8''Git%20Commit%20Bot.agent.json`,
    );
    expect(exportContentDisposition("Bot (Imported)")).toBe(
      `attachment; filename="bot-imported.agent.json"; filename*=UTF-8''Bot%20%28Imported%29.agent.json`,
    );
    expect(exportContentDisposition("리뷰어")).toMatch(/^attachment; filename="agent\.agent\.json"; filename\*=UTF-8''%EB%A6%AC/);
  });
});

describe("the agent form schema", () => {
  it("turns form strings into agent fields", () => {
    const parsed = agentFormSchema.parse({
      name: " Helper ",
      icon: "bot",
      systemPrompt: "Help.",
      defaultTask: "  ",
      model: "sonnet",
      executor: "anthropic",
      type: "planning",
      tools: "Read, Edit\nBash, Read",
      enableFileRead: "on",
      hooks: '{"Stop": []}',
    });
    expect(parsed).toEqual({
      name: "Helper",
      icon: "bot",
      systemPrompt: "Help.",
      defaultTask: null,
      model: "sonnet",
      executor: "anthropic",
      type: "planning",
      tools: ["Read", "Edit", "Bash"],
      enableFileRead: true,
      enableFileWrite: false,
      enableNetwork: false,
      hooks: { Stop: [] },
    });
  });

  it("reports each bad field with an i18n key", () => {
    const result = agentFormSchema.safeParse({ name: "", icon: "bot", systemPrompt: "", model: "", executor: "x", type: "development", hooks: "[1" });
    expect(result.success).toBe(false);
    const fields = Object.fromEntries(result.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(fields).toMatchObject({ name: "errors.required", model: "errors.required", executor: "agent.error.executor", hooks: "agent.error.hooksJson" });
    const arrayHooks = agentFormSchema.safeParse({ name: "a", icon: "bot", systemPrompt: "", model: "m", executor: "script", type: "support", hooks: "[]" });
    expect(arrayHooks.error!.issues[0]).toMatchObject({ path: ["hooks"], message: "agent.error.hooksObject" });
  });
});
