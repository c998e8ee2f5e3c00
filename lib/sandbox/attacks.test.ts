import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAgent } from "@/lib/agents/agents";
import type { RunLimits } from "@/lib/billing/plans";
import { authSecret, config } from "@/lib/config";
import { vapidKeys } from "@/lib/push/vapid";
import { createProject } from "@/lib/projects/projects";
import { executeRun } from "@/lib/runs/execute";
import { readEvents } from "@/lib/runs/events";
import { startRun } from "@/lib/runs/lifecycle";
import { getRunForUser } from "@/lib/runs/runs";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { createUser } from "@/lib/users/users";

/**
 * A hostile FREE user's `script` runs, executed for real (bubblewrap,
 * cgroups, slirp4netns), try what issue #9 found possible before the
 * sandbox: reading the server's secrets and database, another user's files,
 * the server's processes and ports, and exhausting the machine. Each attempt
 * is refused or stopped with a message naming what happened, while a request
 * to this process (the server here) keeps being answered within a second.
 */

type Tenant = { id: string; projectId: string; projectPath: string; agentId: string; networkAgentId: string; readOnlyAgentId: string };

let alice: Tenant;
let bob: Tenant;
let listener: net.Server;
let listenerPort: number;
let connections = 0;

async function tenant(name: string): Promise<Tenant> {
  const user = (await createUser({ email: `${name}-${Date.now()}@example.test`, name }))!;
  // Ordinary FREE users (the first account ever is an admin).
  await db().update(users).set({ role: "user", plan: "FREE" }).where(eq(users.id, user.id));
  const project = await createProject(user.id, { name: `${name}'s project` });
  const agent = (enableNetwork: boolean, enableFileWrite = true) =>
    createAgent(user.id, {
      name: `${name} sh ${enableNetwork ? "net" : ""}${enableFileWrite ? "" : "ro"}`,
      executor: "script",
      model: "sonnet",
      icon: "terminal",
      type: "development",
      systemPrompt: "",
      defaultTask: null,
      tools: [],
      hooks: null,
      enableFileRead: true,
      enableFileWrite,
      enableNetwork,
    });
  const [plain, networked, readOnly] = [await agent(false), await agent(true), await agent(false, false)];
  return { id: user.id, projectId: project.id, projectPath: project.path, agentId: plain.id, networkAgentId: networked.id, readOnlyAgentId: readOnly.id };
}

/** Runs `task` as the tenant's script agent, for real, and returns how it ended and what it printed. */
async function run(who: Tenant, task: string, opts: { agent?: "plain" | "network" | "readOnly"; limits?: Partial<RunLimits> } = {}) {
  const agentId = { plain: who.agentId, network: who.networkAgentId, readOnly: who.readOnlyAgentId }[opts.agent ?? "plain"];
  const started = await startRun(who.id, { agentId, projectId: who.projectId, task });
  const outcome = await executeRun(started.id, new AbortController().signal, { limits: opts.limits });
  const events = await readEvents(started.id, 0, 1_000_000);
  const text = events
    .filter((e) => e.event === "log")
    .map((e) => (e.data as { text: string }).text)
    .join("\n");
  return { outcome, text, run: await getRunForUser(who.id, started.id) };
}

/** Pings this process every 100 ms while `work` runs; the slowest answer, in ms. */
async function slowestAnswerDuring<T>(work: Promise<T>): Promise<{ result: T; slowestMs: number }> {
  const server = net.createServer((socket) => socket.end("pong"));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as net.AddressInfo).port;
  let slowest = 0;
  let done = false;
  const pinger = (async () => {
    while (!done) {
      const t0 = performance.now();
      await new Promise<void>((resolve) => {
        const socket = net.connect(port, "127.0.0.1");
        socket.on("data", () => socket.destroy());
        socket.on("close", () => resolve());
        socket.on("error", () => resolve());
      });
      slowest = Math.max(slowest, performance.now() - t0);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const result = await work;
  done = true;
  await pinger;
  server.close();
  return { result, slowestMs: slowest };
}

beforeAll(async () => {
  alice = await tenant("alice");
  bob = await tenant("bob");
  fs.writeFileSync(path.join(bob.projectPath, "secret.txt"), "bob's private notes");
  listener = net.createServer((socket) => {
    connections++;
    socket.end("hello from the host's loopback");
  });
  await new Promise<void>((r) => listener.listen(0, "127.0.0.1", r));
  listenerPort = (listener.address() as net.AddressInfo).port;
});

afterAll(() => {
  listener.close();
});

describe("a hostile user's run in the sandbox (real bubblewrap)", () => {
  it("cannot read or write DATA_DIR (database, auth secret, VAPID keys, other workspaces) or see the server's environment", async () => {
    const dataDir = config().dataDir;
    const secret = authSecret();
    const vapid = vapidKeys().privateKey;
    const task = [
      `for f in "${dataDir}/auth-secret" "${dataDir}/vapid-keys.json" "${dataDir}/switchboard.db" "${bob.projectPath}/secret.txt"; do`,
      `  if cat "$f" >/dev/null 2>&1; then echo "READ $f"; else echo "NOREAD $f"; fi; done`,
      `ls -a "${dataDir}" "${path.dirname(bob.projectPath)}"`,
      `{ echo pwned > "${dataDir}/pwned"; } 2>/dev/null && echo "WROTE data dir" || echo "NOWRITE data dir"`,
      `{ echo pwned > "${bob.projectPath}/pwned"; } 2>/dev/null && echo "WROTE bob" || echo "NOWRITE bob"`,
      `env | cut -d= -f1 | sed 's/^/ENV:/'`,
    ].join("\n");
    const { run: r, text } = await run(alice, task);

    expect(r.status).toBe("completed");
    expect(text).not.toMatch(/^READ /m);
    expect(text).toContain(`NOREAD ${dataDir}/auth-secret`);
    expect(text).toContain(`NOREAD ${dataDir}/vapid-keys.json`);
    expect(text).not.toContain(vapid);
    expect(text).toContain(`NOREAD ${bob.projectPath}/secret.txt`);
    expect(text).not.toContain(secret);
    expect(text).not.toMatch(/^(auth-secret|switchboard\.db)$/m);
    expect(text.split("\n")).not.toContain(path.basename(bob.projectPath)); // not even listed
    expect(fs.existsSync(path.join(dataDir, "pwned"))).toBe(false);
    expect(fs.existsSync(path.join(bob.projectPath, "pwned"))).toBe(false);
    const names = text.split("\n").filter((l) => l.startsWith("ENV:")).map((l) => l.slice(4));
    expect(names).toContain("PATH");
    expect(names.filter((n) => !["HOME", "LANG", "LOGNAME", "PATH", "PWD", "SHLVL", "SWITCHBOARD_PROMPT", "TERM", "TMPDIR", "USER", "_", "OLDPWD"].includes(n))).toEqual([]);
  });

  it("sees only its own processes: no server environ in /proc, the server's pid cannot be signalled", async () => {
    const task = [
      `echo "processes: $(ls /proc | grep -cE '^[0-9]+$')"`,
      `cat /proc/*/environ 2>/dev/null | tr '\\0' '\\n' | grep -c -e AUTH_SECRET -e DATABASE_URL -e STRIPE || true`,
      `kill -0 ${process.pid} 2>/dev/null && echo SIGNALLED || echo "cannot signal ${process.pid}"`,
      `kill -0 ${process.ppid} 2>/dev/null && echo SIGNALLED || echo "cannot signal ${process.ppid}"`,
    ].join("\n");
    const { text } = await run(alice, task);
    expect(Number(/processes: (\d+)/.exec(text)?.[1])).toBeLessThan(10);
    expect(text).toMatch(/^0$/m);
    expect(text).not.toContain("SIGNALLED");
    expect(process.kill(process.pid, 0)).toBe(true);
  });

  it("has no network at all without enableNetwork: not the host's loopback, not a port the test listens on", async () => {
    const before = connections;
    const { text } = await run(alice, `(exec 3<>/dev/tcp/127.0.0.1/${listenerPort}) 2>/dev/null && echo CONNECTED || echo "no route to ${listenerPort}"\ncat /proc/net/dev | tail -n +3 | cut -d: -f1 | tr -d ' '`);
    expect(text).toContain(`no route to ${listenerPort}`);
    expect(text).not.toContain("CONNECTED");
    expect(text.split("\n").filter((l) => /^[a-z0-9]+$/.test(l))).toEqual(["lo"]);
    expect(connections).toBe(before);
  });

  it("with enableNetwork gets an interface of its own (slirp4netns) but never the host's loopback", async () => {
    const before = connections;
    const task = [
      `for host in 127.0.0.1 10.0.2.2; do (exec 3<>/dev/tcp/$host/${listenerPort}) 2>/dev/null && echo "CONNECTED $host" || echo "refused $host"; done`,
      `grep -c tap0 /proc/net/dev`,
    ].join("\n");
    const { text, run: r } = await run(alice, task, { agent: "network" });
    expect(r.error).toBeNull();
    expect(r.status).toBe("completed");
    expect(text).toContain("refused 127.0.0.1");
    expect(text).toContain("refused 10.0.2.2");
    expect(text).not.toContain("CONNECTED");
    expect(text).toMatch(/^1$/m); // tap0 is there: the run has network, just not the host's loopback
    expect(connections).toBe(before);
  });

  it("is stopped when it uses more than the plan's memory (3 GB asked, FREE has 1 GiB), the server answering throughout", async () => {
    const task = `node -e 'const a = []; for (let i = 0; i < 48; i++) a.push(Buffer.alloc(64 * 1024 * 1024, 1)); console.log("ALLOCATED 3 GB")'`;
    const { result, slowestMs } = await slowestAnswerDuring(run(alice, task));
    expect(result.run.status).toBe("failed");
    expect(result.run.error).toBe("Stopped: used more than 1 GiB of memory (FREE plan limit)");
    expect(result.text).not.toContain("ALLOCATED");
    expect(slowestMs).toBeLessThan(1000);
  });

  it("is stopped when it starts thousands of processes (FREE allows 128), the server answering throughout", async () => {
    const task = `for i in $(seq 2000); do sleep 30 & done 2>/dev/null; echo "STARTED ALL"; wait`;
    const started = Date.now();
    const { result, slowestMs } = await slowestAnswerDuring(run(alice, task));
    expect(result.run.status).toBe("failed");
    expect(result.run.error).toBe("Stopped: started more than 128 processes at once (FREE plan limit)");
    expect(Date.now() - started).toBeLessThan(20_000); // not the 30 s the sleeps asked for
    expect(slowestMs).toBeLessThan(1000);
  });

  it("cannot write a file past the plan's file size limit", async () => {
    const { run: r } = await run(alice, "head -c 50000000 /dev/zero > big.bin", { limits: { fileSizeBytes: 10 * 1024 * 1024 } });
    expect(r.status).toBe("failed");
    expect(r.error).toBe("Stopped: wrote a file larger than 10 MiB (FREE plan limit)");
    expect(fs.statSync(path.join(alice.projectPath, "big.bin")).size).toBeLessThanOrEqual(10 * 1024 * 1024);
    fs.rmSync(path.join(alice.projectPath, "big.bin"));
  });

  it("is stopped when the files it writes add up past the plan's disk limit", async () => {
    const started = Date.now();
    const task = "for i in $(seq 40); do head -c 1000000 /dev/zero > part-$i.bin; done; echo 'WROTE 40 MB'; sleep 20";
    const { run: r } = await run(alice, task, { limits: { diskWriteBytes: 10 * 1024 * 1024 } });
    expect(r.status).toBe("failed");
    expect(r.error).toBe("Stopped: wrote more than 10 MiB to its folder (FREE plan limit)");
    expect(Date.now() - started).toBeLessThan(15_000);
    for (const f of fs.readdirSync(alice.projectPath)) if (f.startsWith("part-")) fs.rmSync(path.join(alice.projectPath, f));
  });

  it("has its output cut and the run stopped at the plan's output limit (150 MB printed)", async () => {
    const dbFile = config().databaseUrl.replace(/^file:/, "");
    const sizeBefore = fs.statSync(dbFile).size + (fs.existsSync(`${dbFile}-wal`) ? fs.statSync(`${dbFile}-wal`).size : 0);
    const { run: r, text } = await run(alice, "yes 'a line of output' | head -c 150000000", { limits: { outputBytes: 2 * 1024 * 1024 } });
    expect(r.status).toBe("failed");
    expect(r.error).toBe("Stopped: printed more than 2 MiB of output (FREE plan limit)");
    expect(text).toContain("Stopped: printed more than 2 MiB of output (FREE plan limit): the output was cut here.");
    expect(text.length).toBeLessThan(3 * 1024 * 1024);
    const sizeAfter = fs.statSync(dbFile).size + (fs.existsSync(`${dbFile}-wal`) ? fs.statSync(`${dbFile}-wal`).size : 0);
    expect(sizeAfter - sizeBefore).toBeLessThan(30 * 1024 * 1024);
  });

  it("is stopped at the plan's wall-clock limit when it loops forever, the server answering throughout", async () => {
    const started = Date.now();
    const { result, slowestMs } = await slowestAnswerDuring(run(alice, "while :; do :; done", { limits: { wallClockMs: 2000 } }));
    expect(result.run.status).toBe("failed");
    expect(result.run.error).toBe("Stopped: ran for longer than 2 seconds (FREE plan limit)");
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(slowestMs).toBeLessThan(1000);
  });

  it("keeps each user's HOME to themselves across runs, and a read-only agent cannot write its project", async () => {
    const first = await run(alice, 'echo "alice-login-token" > ~/.cli-login && echo "home is $HOME"');
    expect(first.run.error).toBeNull();
    expect(first.text).toContain("home is /home/agent");
    const again = await run(alice, "cat ~/.cli-login");
    expect(again.text).toContain("alice-login-token");
    const other = await run(bob, "cat ~/.cli-login 2>/dev/null || echo 'no login here'");
    expect(other.text).toContain("no login here");
    expect(other.text).not.toContain("alice-login-token");

    const readOnly = await run(alice, "echo x > written.txt 2>/dev/null && echo WROTE || echo 'read-only project'", { agent: "readOnly" });
    expect(readOnly.text).toContain("read-only project");
    expect(fs.existsSync(path.join(alice.projectPath, "written.txt"))).toBe(false);
  });
});
