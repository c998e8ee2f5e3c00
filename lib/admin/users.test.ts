import { beforeAll, describe, expect, it } from "vitest";
import { eq, inArray, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { users, type NewUser } from "@/db/schema";
import { recordAudit } from "@/lib/audit/audit";
import { newId } from "@/lib/domain/ids";
import { createUser } from "@/lib/users/users";
import { createSession } from "@/lib/auth/sessions";
import { createApiToken } from "@/lib/tokens/tokens";
import type { PublicUser } from "@/lib/users/columns";
import { getUserDetail, listAuditActions, listAuditEntries, listUsers, USER_SORTS, type UserListOptions, type UserSort } from "./users";

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
  it("shows the profile with its sessions, tokens (never their hashes) and usage, and null for an unknown id", async () => {
    const empty = await getUserDetail(admin, bob.id);
    expect(empty).toMatchObject({ email: "bob.builder@example.com", role: "user", plan: "FREE", disabledAt: null, sessions: [], tokens: [] });
    await createSession(bob.id, { ip: "10.1.2.3", userAgent: "Firefox" });
    const token = await createApiToken(bob.id, "ci");
    const detail = (await getUserDetail(admin, bob.id))!;
    expect(detail.sessions).toEqual([expect.objectContaining({ ip: "10.1.2.3", userAgent: "Firefox" })]);
    expect(detail.tokens).toEqual([expect.objectContaining({ name: "ci", prefix: token.prefix })]);
    expect(JSON.stringify(detail)).not.toContain(token.value);
    expect(JSON.stringify(detail)).not.toMatch(/hash/i);
    expect(detail.usage.totals.runs).toBe(0);
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

type Row = Awaited<ReturnType<typeof listUsers>>["data"][number];

/** Every page of a listing, following nextCursor, checking that "previous" leads back page by page. */
async function allPages(opts: UserListOptions, limit: number) {
  const pages: Row[][] = [];
  const cursors: Array<string | undefined> = [];
  let cursor: string | undefined;
  do {
    const page = await listUsers(admin, { ...opts, cursor, limit });
    expect(page.prev === null).toBe(cursor === undefined);
    cursors.push(cursor);
    pages.push(page.data);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && pages.length < 100);
  for (let i = 1; i < cursors.length; i++) {
    const page = await listUsers(admin, { ...opts, cursor: cursors[i], limit });
    expect(page.prev).toEqual({ cursor: cursors[i - 1] ?? null });
  }
  return pages.flat();
}

/** Reference order of a sort, computed in JS. */
function expectedOrder(rows: Row[], sort: UserSort): string[] {
  const byId = (a: Row, b: Row) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const sorted = [...rows];
  if (sort === "created_desc") sorted.sort((a, b) => byId(b, a));
  if (sort === "created_asc") sorted.sort(byId);
  if (sort === "email_asc") sorted.sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : byId(a, b)));
  if (sort === "last_sign_in_desc")
    sorted.sort((a, b) => {
      const ka = a.lastSignInAt ?? "";
      const kb = b.lastSignInAt ?? ""; // NULL sorts last when descending
      return ka < kb ? 1 : ka > kb ? -1 : byId(b, a);
    });
  return sorted.map((r) => r.id);
}

describe("listUsers filters and sorting", () => {
  beforeAll(async () => {
    // Vary the filtered columns; several users share a sign-in time, many never signed in.
    const bulk = everyone.filter((u) => u.email.startsWith("user"));
    for (const [i, u] of bulk.entries()) {
      await db()
        .update(users)
        .set({
          plan: i % 3 === 0 ? "PRO" : "FREE",
          role: i % 9 === 4 ? "admin" : "user",
          disabledAt: i % 4 === 1 ? "2026-01-01T00:00:00.000Z" : null,
          lastSignInAt: i % 5 === 2 ? null : `2026-02-${String(1 + (i % 4)).padStart(2, "0")}T10:00:00.000Z`,
        })
        .where(eq(users.id, u.id));
    }
  });

  it("filters by role, plan and disabled, alone and together, with the total", async () => {
    const all = await listUsers(admin, { limit: 100 });
    const rows = all.data;
    const check = async (opts: UserListOptions, keep: (r: Row) => boolean) => {
      const page = await listUsers(admin, { ...opts, limit: 100 });
      const expected = rows.filter(keep).map((r) => r.id);
      expect(expected.length).toBeGreaterThan(0);
      expect(page.data.map((r) => r.id)).toEqual(expected);
      expect(page.total).toBe(expected.length);
    };
    await check({ role: "admin" }, (r) => r.role === "admin");
    await check({ role: "user" }, (r) => r.role === "user");
    await check({ plan: "PRO" }, (r) => r.plan === "PRO");
    await check({ plan: "FREE" }, (r) => r.plan === "FREE");
    await check({ disabled: "yes" }, (r) => r.disabledAt !== null);
    await check({ disabled: "no" }, (r) => r.disabledAt === null);
    await check({ plan: "PRO", disabled: "no", role: "user", q: "bulk" }, (r) => r.plan === "PRO" && !r.disabledAt && r.role === "user" && r.name!.startsWith("Bulk"));
  });

  for (const sort of USER_SORTS) {
    it(`sorted by ${sort}, pages through every matching user exactly once, in order, and back`, async () => {
      const rows = (await listUsers(admin, { limit: 100 })).data;
      const seen = await allPages({ sort }, 4);
      expect(seen.map((r) => r.id)).toEqual(expectedOrder(rows, sort));

      const filtered = await allPages({ sort, plan: "FREE", disabled: "no" }, 3);
      const expected = expectedOrder(rows.filter((r) => r.plan === "FREE" && !r.disabledAt), sort);
      expect(filtered.map((r) => r.id)).toEqual(expected);
      expect(new Set(filtered.map((r) => r.id)).size).toBe(filtered.length);
    });
  }

  it("ignores a malformed cursor or one from another sort instead of failing", async () => {
    const first = await listUsers(admin, { sort: "email_asc", limit: 3 });
    const fromEmail = first.nextCursor!;
    expect((await listUsers(admin, { sort: "last_sign_in_desc", cursor: fromEmail, limit: 3 })).prev).toBeNull();
    expect((await listUsers(admin, { sort: "email_asc", cursor: "not-a-cursor", limit: 3 })).data).toEqual(first.data);
    expect((await listUsers(admin, { cursor: "garbage", limit: 3 })).prev).toBeNull();
  });
});

// Last: adds 10,000 users, which the tests above do not expect.
describe("listUsers at 10,000 users", () => {
  it("answers a filtered, sorted page quickly, walking an index rather than sorting", { timeout: 60_000 }, async () => {
    const rows: NewUser[] = Array.from({ length: 10_000 }, (_, i) => ({
      id: newId(),
      email: `scale${String(i).padStart(5, "0")}@load.test`,
      name: `Load ${i}`,
      plan: i % 4 === 0 ? "PRO" : "FREE",
      disabledAt: i % 10 === 0 ? "2026-01-01T00:00:00.000Z" : null,
      lastSignInAt: i % 3 === 0 ? null : new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
    }));
    // One multi-row INSERT per batch statement (SQLite caps bound parameters per statement).
    const chunks = [];
    for (let i = 0; i < rows.length; i += 1_000) chunks.push(db().insert(users).values(rows.slice(i, i + 1_000)));
    await db().batch(chunks as [(typeof chunks)[0], ...typeof chunks]);
    await db().run(sql`ANALYZE`);

    for (const sort of USER_SORTS) {
      const opts: UserListOptions = { sort, plan: "FREE", disabled: "no", role: "user" };
      const first = await listUsers(admin, opts); // warm up
      const started = performance.now();
      const second = await listUsers(admin, { ...opts, cursor: first.nextCursor! });
      const ms = performance.now() - started;
      expect(second.data).toHaveLength(25);
      expect(second.total).toBeGreaterThan(6_000);
      // Typically a few ms; the bound is generous so a slow CI machine does not flake.
      if (process.env.SHOW_TIMINGS) console.log(`${sort}: ${ms.toFixed(1)} ms`);
      expect(ms, `${sort}: ${ms.toFixed(1)} ms`).toBeLessThan(500);
    }

    // The sorts walk an index in order: no temporary B-tree for ORDER BY.
    const plan = async (orderBy: string) => {
      const result = await db().all<{ detail: string }>(
        sql.raw(`EXPLAIN QUERY PLAN SELECT id FROM users WHERE plan = 'FREE' AND role = 'user' AND disabled_at IS NULL ORDER BY ${orderBy} LIMIT 26`),
      );
      return result.map((r) => r.detail).join("\n");
    };
    for (const orderBy of ["id DESC", "id ASC", "email ASC, id ASC", "last_sign_in_at DESC, id DESC"]) {
      const detail = await plan(orderBy);
      expect(detail, orderBy).toMatch(/USING (COVERING )?INDEX|USING PRIMARY KEY/);
      expect(detail, orderBy).not.toMatch(/TEMP B-TREE/);
    }

    await db().delete(users).where(inArray(users.email, rows.map((r) => r.email)));
  });
});
