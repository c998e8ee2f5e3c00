import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as list, POST as create } from "@/app/api/v1/projects/route";
import { GET as getOne } from "@/app/api/v1/projects/[id]/route";
import { resetConfigForTests } from "@/lib/config";
import { apiAccount, apiRequest, idParams } from "@/tests/api";

vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => null }));

/**
 * Issue 10 item 9: folders under PROJECT_ROOTS had no owner, so one user could
 * register the root itself and with it every other user's folders; and
 * project responses showed absolute server paths and where symlinks led.
 */

const BASE = "http://localhost/api/v1/projects";
const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "sb-owned-")));
const root = path.join(base, "root");
for (const dir of ["team/sub", "group/a", "hidden-target", "race", "admins"]) fs.mkdirSync(path.join(root, dir), { recursive: true });
fs.symlinkSync(path.join(root, "hidden-target"), path.join(root, "link"));

type Account = { id: string; auth: string };
let admin: Account;
let alice: Account;
let bob: Account;

beforeAll(async () => {
  process.env.PROJECT_ROOTS = root;
  resetConfigForTests();
  admin = await apiAccount("owned-admin@example.com"); // the first account is the admin
  alice = await apiAccount("owned-alice@example.com");
  bob = await apiAccount("owned-bob@example.com");
});
afterAll(() => {
  delete process.env.PROJECT_ROOTS;
  resetConfigForTests();
  fs.rmSync(base, { recursive: true, force: true });
});

const add = (who: Account, name: string, folder?: string) =>
  create(apiRequest(BASE, who.auth, "POST", folder === undefined ? { name } : { name, path: folder }));

describe("folders under PROJECT_ROOTS belong to one user", () => {
  it("the root itself cannot be a project", async () => {
    for (const given of [root, `${root}/`, `${root}/team/..`]) {
      const res = await add(alice, "Everything", given);
      expect(res.status).toBe(400);
      expect((await res.json()).error).toMatchObject({ code: "validation", fields: { path: expect.stringMatching(/not a project itself/) } });
    }
  });

  it("another user cannot register a folder that is taken, one inside it, or one around it", async () => {
    expect((await add(alice, "Team", path.join(root, "team"))).status).toBe(201);
    expect((await add(alice, "A", path.join(root, "group", "a"))).status).toBe(201);
    for (const folder of ["team", "team/sub", "group"]) {
      const res = await add(bob, "Mine now", path.join(root, folder));
      expect(res.status).toBe(409);
      expect((await res.json()).error).toMatchObject({ code: "conflict", fields: { path: expect.stringMatching(/another account/) } });
    }
    // Through a symlink to Alice's folder is the same folder.
    fs.symlinkSync(path.join(root, "team"), path.join(root, "team-link"));
    expect((await add(bob, "Sneaky", path.join(root, "team-link"))).status).toBe(409);
    // The owner may still use it again.
    expect((await add(alice, "Team again", path.join(root, "team", "sub"))).status).toBe(201);
  });

  it("two users adding the same folder at once: exactly one gets it", async () => {
    const results = await Promise.all([alice, bob, alice, bob].map((who, i) => add(who, `race ${i}`, path.join(root, "race"))));
    const owners = new Set<string>();
    for (const [i, res] of results.entries()) if (res.status === 201) owners.add([alice, bob, alice, bob][i]!.id);
    expect(owners.size).toBe(1);
    expect(results.every((r) => r.status === 201 || r.status === 409)).toBe(true);
  });
});

describe("what a project shows of its folder", () => {
  it("a user sees folders relative to their root, never an absolute path or a symlink's absolute target", async () => {
    const linked = await add(bob, "Linked", path.join(root, "link"));
    expect(linked.status).toBe(201);
    const project = await linked.json();
    expect(project.path).toBe("hidden-target");
    const workspace = await (await add(bob, "Fresh")).json();
    expect(workspace.path).toBe(".");

    const bodies = [
      JSON.stringify(await (await list(apiRequest(BASE, bob.auth))).json()),
      JSON.stringify(await (await getOne(apiRequest(`${BASE}/${project.id}`, bob.auth), idParams(project.id))).json()),
      JSON.stringify(await (await getOne(apiRequest(`${BASE}/${workspace.id}`, bob.auth), idParams(workspace.id))).json()),
    ];
    for (const body of bodies) {
      expect(body).not.toContain(base);
      expect(body).not.toContain(os.tmpdir());
    }
  });

  it("an admin still sees absolute paths", async () => {
    const res = await add(admin, "Admin's", path.join(root, "admins"));
    expect((await res.json()).path).toBe(path.join(root, "admins"));
  });
});
