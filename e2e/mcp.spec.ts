import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { newAccount, signUp } from "./support/accounts";
import { sessionApi } from "./support/session-api";
import { createScriptAgent, waitForHydration } from "./support/workspace";
import { mcpStdioStandIn } from "../tests/stand-ins/mcp-stdio-bundle";

/** The MCP stand-in server over stdio (tests/stand-ins, on @modelcontextprotocol/sdk, bundled to one file): Check starts it inside the sandbox of the real server. */
const STDIO_STAND_IN = mcpStdioStandIn();
const DESKTOP_CONFIG = path.resolve(__dirname, "../tests/fixtures/mcp/claude_desktop_config.json");
const SECRET = "e2e-mcp-secret-value-789";

test.describe("MCP servers", () => {
  test("add a stdio server, check it in the sandbox, import a Claude Desktop config, export without secrets, and give a server to an agent", async ({ page }) => {
    await signUp(page, newAccount("mcp"));
    await page.goto("/settings/mcp");
    await expect(page.getByText("No MCP servers yet.")).toBeVisible();

    // Add: the secret goes in, and only its name ever comes back.
    const add = page.getByRole("region", { name: "Add a server" });
    const name = add.getByLabel("Name", { exact: true });
    await waitForHydration(name);
    await name.fill("stand-in");
    await add.getByLabel("Command").fill(STDIO_STAND_IN);
    await add.getByLabel("Environment (NAME=value, one per line)").fill(`STAND_IN_TOKEN=${SECRET}`);
    await add.getByRole("button", { name: "Add server" }).click();
    const card = page.getByRole("region", { name: /^stand-in/ });
    await expect(card).toContainText("Secrets: STAND_IN_TOKEN");
    await page.reload();
    expect(await page.content()).not.toContain(SECRET);

    // Check: initialize + tools/list against the stand-in, started in the sandbox.
    await card.getByRole("button", { name: "Check stand-in" }).click();
    await expect(card.getByRole("status")).toHaveText("stand-in-stdio answered with 2 tools: echo, whoami", { timeout: 30_000 });

    // Import: paste a Claude Desktop config.
    const importCard = page.getByRole("region", { name: "Import" });
    await importCard.getByLabel("Config JSON").fill(fs.readFileSync(DESKTOP_CONFIG, "utf8"));
    await importCard.getByRole("button", { name: "Import", exact: true }).click();
    await expect(importCard.getByRole("status")).toHaveText("Imported: 2 new, 0 replaced.");
    await expect(page.getByRole("region", { name: /^postgres/ })).toContainText("Secrets: PGPASSWORD");
    // A broken file is refused with the reason.
    await importCard.getByLabel("Config JSON").fill('{ "mcpServers": { "bad one": { "command": "x" } } }');
    await importCard.getByRole("button", { name: "Import", exact: true }).click();
    await expect(importCard.getByRole("alert")).toHaveText("Server bad one, name: Use letters, digits, - and _ only (Claude Code names tools after the server).");

    // Export: the same format, secret values as placeholders.
    const api = sessionApi(page);
    const exported = await api.get("/api/v1/mcp-servers/export");
    const text = await exported.text();
    expect(JSON.parse(text).mcpServers["stand-in"]).toEqual({ command: STDIO_STAND_IN, args: [], env: { STAND_IN_TOKEN: "${STAND_IN_TOKEN}" } });
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain("desktop-fixture-password-123");

    // An agent gets the server through the picker, and keeps it.
    const agentId = await createScriptAgent(page, { name: "Tooled" });
    // A script agent has no MCP servers: the picker is there for the CLIs that read them.
    await expect(page.getByRole("group", { name: "MCP servers" })).toHaveCount(0);
    await waitForHydration(page.getByLabel("Executor"));
    await page.getByLabel("Executor").selectOption("claude-code");
    const picker = page.getByRole("group", { name: "MCP servers" });
    await waitForHydration(picker.getByLabel("stand-in (stdio)"));
    await picker.getByLabel("stand-in (stdio)").check();
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("status")).toHaveText("Saved.");
    await page.reload();
    await expect(page.getByRole("group", { name: "MCP servers" }).getByLabel("stand-in (stdio)")).toBeChecked();
    await expect(page.getByRole("group", { name: "MCP servers" }).getByLabel("postgres (stdio)")).not.toBeChecked();
    const servers = (await (await api.get("/api/v1/mcp-servers")).json()).data as Array<{ id: string; name: string }>;
    const agent = await (await api.get(`/api/v1/agents/${agentId}`)).json();
    expect(agent.mcpServerIds).toEqual([servers.find((s) => s.name === "stand-in")!.id]);
  });
});
