import { beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "@/lib/audit/audit";
import { createUser } from "@/lib/users/users";
import type { PublicUser } from "@/lib/users/columns";
import { getUserDetail, listAuditActions, listAuditEntries, listUsers } from "./users";

let admin: PublicUser;
let bob: PublicUser;
const everyone: PublicUser[] = [];

async function make(email: string, name: string | null = null) {
  const user = await createUser({ email, name, passwordHash: `$2b$12$secret-hash-of-${email}` });
  if (!user) throw new Error(`could not create ${email}`);
  everyone.push(user);
  return user;
}

beforeAll(async () => {
  admin = await make("Root@Example.com", "Ada Admin");
  bob = await make("bob.builder@example.com", "Bob SMITH");
  await make("carol@sample.org", "Carol Jones");
  await make("percent%@example.com", "Literal Percent");
  for (let i = 0; i < 26; i++) await make(`user${String(i).padStart(2, "0")}@example.com`, `Bulk ${i}`);
});

describe("roles", () => {
  it("makes the first account the admin and every later one a user", () => {
    expect(admin.role).toBe("admin");
    expect(everyone.slice(1).every((u) => u.role === "user")).toBe(true);
  });
});

describe("listUsers", () => {
  it("searches email and name by any part, ignoring case", async () => {
    const byEmail = await listUsers(admin, { q: "BUILDER@" });
    expect(byEmail.data.map((u) => u.email)).toEqual(["bob.builder@example.com"]);
    expect(byEmail.total).toBe(1);

    const byName = await listUsers(admin, { q: "smith" });
    expect(byName.data.map((u) => u.id)).toEqual([bob.id]);

    const byDomain = await listUsers(admin, { q: "sample.org" });
    expect(byDomain.data.map((u) => u.name)).toEqual(["Carol Jones"]);

    expect((await listUsers(admin, { q: "nobody-has-this" })).data).toEqual([]);
  });

  it("takes % and _ in a search literally", async () => {
    expect((await listUsers(admin, { q: "%" })).data.map((u) => u.email)).toEqual(["percent%@example.com"]);
    expect((await listUsers(admin, { q: "_" })).total).toBe(0);
  });

  it("pages through every user exactly once, newest first, and back again", async () => {
    const seen: string[] = [];
    const cursors: Array<string | undefined> = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listUsers(admin, { cursor, limit: 7 });
      expect(page.total).toBe(everyone.length);
      expect(page.data.length).toBeLessThanOrEqual(7);
      expect(page.prev === null).toBe(cursor === undefined);
      cursors.push(cursor);
      seen.push(...page.data.map((u) => u.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor && pages < 20);

    expect(pages).toBe(Math.ceil(everyone.length / 7));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(everyone.map((u) => u.id).reverse());

    // "Previous" from each page lands on the page before it.
    for (let i = 1; i < cursors.length; i++) {
      const page = await listUsers(admin, { cursor: cursors[i], limit: 7 });
      expect(page.prev).toEqual({ cursor: cursors[i - 1] ?? null });
    }
  });

  it("paginates a search too", async () => {
    const first = await listUsers(admin, { q: "bulk", limit: 20 });
    expect(first.total).toBe(26);
    const second = await listUsers(admin, { q: "bulk", cursor: first.nextCursor!, limit: 20 });
    expect(second.nextCursor).toBeNull();
    expect(second.prev).toEqual({ cursor: null });
    expect(first.data.length + second.data.length).toBe(26);
  });

  it("never returns a password hash", async () => {
    const page = await listUsers(admin, { limit: 100 });
    const detail = await getUserDetail(admin, bob.id);
    for (const row of [...page.data, detail]) {
      expect(row).not.toHaveProperty("passwordHash");
      expect(row).not.toHaveProperty("password_hash");
    }
    expect(JSON.stringify([page, detail])).not.toContain("secret-hash");
  });
});

describe("getUserDetail", () => {
  it("shows the profile with sessions and tokens counted, and null for an unknown id", async () => {
    const detail = await getUserDetail(admin, bob.id);
    expect(detail).toMatchObject({ email: "bob.builder@example.com", role: "user", plan: "FREE", disabledAt: null, activeSessions: 0, apiTokens: 0 });
    expect(await getUserDetail(admin, "0190a000-0000-7000-8000-000000000000")).toBeNull();
  });
});

describe("listAuditEntries", () => {
  it("lists entries newest first with the actor's and target's email", async () => {
    await recordAudit({ action: "auth.sign_up", actorId: bob.id, targetUserId: bob.id, ip: "10.0.0.1" });
    await recordAudit({ action: "admin.role_changed", actorId: admin.id, targetUserId: bob.id, detail: { role: "user" } });
    const page = await listAuditEntries(admin, { limit: 1 });
    expect(page.data).toHaveLength(1);
    expect(page.data[0]).toMatchObject({ action: "admin.role_changed", actorEmail: "root@example.com", targetEmail: "bob.builder@example.com" });
    const older = await listAuditEntries(admin, { cursor: page.nextCursor!, limit: 1 });
    expect(older.data[0]).toMatchObject({ action: "auth.sign_up", actorEmail: "bob.builder@example.com", ip: "10.0.0.1" });
    expect(older.prev).toEqual({ cursor: null });
  });
});

describe("searching the audit log", () => {
  it("matches action, actor or target email, IP and a deleted user's email, and filters by action, with paging", async () => {
    await recordAudit({ action: "auth.sign_in", actorId: bob.id, targetUserId: bob.id, ip: "192.168.77.5" });
    await recordAudit({ action: "admin.plan_changed", actorId: admin.id, targetUserId: bob.id, detail: { to: "PRO" } });
    await recordAudit({ action: "admin.user_deleted", actorId: admin.id, detail: { email: "gone-away@example.com" } });
    await recordAudit({ action: "auth.sign_in_failed", ip: "192.168.77.6", detail: { email: "who@example.com" } });

    const actions = async (opts: Parameters<typeof listAuditEntries>[1]) => (await listAuditEntries(admin, opts)).data.map((e) => e.action);
    expect(await actions({ q: "192.168.77" })).toEqual(["auth.sign_in_failed", "auth.sign_in"]);
    expect(await actions({ q: "PLAN_CHANGED" })).toEqual(["admin.plan_changed"]);
    expect(await actions({ q: "gone-away" })).toEqual(["admin.user_deleted"]);
    expect(await actions({ q: "builder@", action: "auth.sign_in" })).toEqual(["auth.sign_in"]);
    expect(await actions({ q: "root@example", action: "admin.plan_changed" })).toEqual(["admin.plan_changed"]);
    expect(await actions({ q: "%" })).toEqual([]);

    const signIns = await listAuditEntries(admin, { q: "bob.builder", limit: 1 });
    expect(signIns.data).toHaveLength(1);
    expect(signIns.prev).toBeNull();
    const next = await listAuditEntries(admin, { q: "bob.builder", limit: 1, cursor: signIns.nextCursor! });
    expect(next.data[0]!.id < signIns.data[0]!.id).toBe(true);
    expect(next.prev).toEqual({ cursor: null });

    expect(await listAuditActions(admin)).toEqual(expect.arrayContaining(["admin.user_deleted", "auth.sign_in", "auth.sign_in_failed"]));
    await expect(listAuditActions(bob)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("admin checks in lib", () => {
  it("answers not_found to a caller who is not an admin", async () => {
    await expect(listUsers(bob)).rejects.toMatchObject({ code: "not_found" });
    await expect(getUserDetail(bob, admin.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(listAuditEntries(bob)).rejects.toMatchObject({ code: "not_found" });
  });

  it("reads the role from the database, not from the object passed in", async () => {
    const forged: PublicUser = { ...bob, role: "admin" };
    await expect(listUsers(forged)).rejects.toMatchObject({ code: "not_found" });
    await expect(listUsers({ id: "0190a000-0000-7000-8000-000000000000" })).rejects.toMatchObject({ code: "not_found" });
  });
});
