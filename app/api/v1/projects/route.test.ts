import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { GET as list, POST as create } from "./route";
import { DELETE as remove, GET as getOne, PATCH as patch } from "./[id]/route";
import { apiAccount, apiRequest, idParams } from "@/tests/api";

// The bearer path is under test; no browser session (and next-auth stays out of the imports).
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => null }));

const BASE = "http://localhost/api/v1/projects";
const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-api-roots-")));
fs.mkdirSync(path.join(root, "app"));

let alice: { id: string; auth: string };
let bob: { id: string; auth: string };


beforeAll(async () => {
  process.env.PROJECT_ROOTS = root;
  resetConfigForTests();
  alice = await apiAccount("api-projects-alice@example.com");
  bob = await apiAccount("api-projects-bob@example.com");
});

afterAll(() => {
  delete process.env.PROJECT_ROOTS;
  resetConfigForTests();
  fs.rmSync(root, { recursive: true, force: true });
});

describe("POST /api/v1/projects", () => {
  it("creates a workspace (201) and an existing-folder project", async () => {
    const response = await create(apiRequest(BASE, alice.auth, "POST", { name: "Workspace", repoUrl: "https://example.com/a.git" }));
    expect(response.status).toBe(201);
    const project = await response.json();
    expect(project).toMatchObject({ name: "Workspace", isWorkspace: true, repoUrl: "https://example.com/a.git", config: {} });
    expect(Object.keys(project).sort()).toEqual(["config", "createdAt", "detachedFrom", "id", "isWorkspace", "name", "path", "repoUrl", "updatedAt"]);
    expect(fs.existsSync(path.join(project.path, ".git"))).toBe(true);

    const folder = await create(apiRequest(BASE, alice.auth, "POST", { name: "Folder", path: path.join(root, "app"), config: { setupScript: "npm ci" } }));
    expect(folder.status).toBe(201);
    expect(await folder.json()).toMatchObject({ path: path.join(root, "app"), isWorkspace: false, config: { setupScript: "npm ci" } });
  });

  it("answers 400 with fields for a bad body", async () => {
    const response = await create(apiRequest(BASE, alice.auth, "POST", { name: "", path: "relative/dir", repoUrl: "not a url" }));
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error.code).toBe("validation");
    expect(Object.keys(error.fields).sort()).toEqual(["name", "path", "repoUrl"]);
    const notJson = await create(apiRequest(BASE, alice.auth, "POST", "{oops"));
    expect(notJson.status).toBe(400);
  });

  it("answers 400 saying why for a folder outside PROJECT_ROOTS", async () => {
    const response = await create(apiRequest(BASE, alice.auth, "POST", { name: "Escape", path: `${root}/app/../..` }));
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error.message).toContain("outside the folders projects may use");
    expect(error.fields.path).toBe(error.message);
  });

  it("answers 403 over the FREE plan's limit", async () => {
    const carol = await apiAccount("api-projects-carol@example.com", "FREE");
    for (const name of ["1", "2"]) expect((await create(apiRequest(BASE, carol.auth, "POST", { name }))).status).toBe(201);
    const response = await create(apiRequest(BASE, carol.auth, "POST", { name: "3" }));
    expect(response.status).toBe(403);
    expect((await response.json()).error).toEqual({
      code: "forbidden",
      message: "Your FREE plan allows 2 projects. Upgrade to PRO at /billing for unlimited projects.",
    });
  });

  it("answers 401 without a token", async () => {
    expect((await create(apiRequest(BASE, "", "POST", { name: "x" }))).status).toBe(401);
  });
});

describe("GET /api/v1/projects", () => {
  it("pages through the caller's projects only", async () => {
    const dave = await apiAccount("api-projects-dave@example.com");
    for (const name of ["p1", "p2", "p3"]) await create(apiRequest(BASE, dave.auth, "POST", { name }));
    const first = await list(apiRequest(`${BASE}?limit=2`, dave.auth));
    expect(first.status).toBe(200);
    const page1 = await first.json();
    expect(page1.data.map((p: { name: string }) => p.name)).toEqual(["p3", "p2"]);
    expect(typeof page1.nextCursor).toBe("string");
    const page2 = await (await list(apiRequest(`${BASE}?limit=2&cursor=${page1.nextCursor}`, dave.auth))).json();
    expect(page2).toEqual({ data: [expect.objectContaining({ name: "p1" })], nextCursor: null });
    const bobs = await (await list(apiRequest(BASE, bob.auth))).json();
    expect(bobs).toEqual({ data: [], nextCursor: null });
  });

  it("answers 400 for a bad limit", async () => {
    const response = await list(apiRequest(`${BASE}?limit=0`, alice.auth));
    expect(response.status).toBe(400);
    expect((await response.json()).error.fields).toHaveProperty("limit");
  });
});

describe("/api/v1/projects/:id", () => {
  it("gets, patches and deletes the caller's own project", async () => {
    const project = await (await create(apiRequest(BASE, alice.auth, "POST", { name: "Mine" }))).json();
    const url = `${BASE}/${project.id}`;
    expect(await (await getOne(apiRequest(url, alice.auth), idParams(project.id))).json()).toEqual(project);

    const patched = await patch(apiRequest(url, alice.auth, "PATCH", { name: "Renamed", config: { setupScript: "make" } }), idParams(project.id));
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ name: "Renamed", config: { setupScript: "make" }, path: project.path });

    const removed = await remove(apiRequest(url, alice.auth, "DELETE"), idParams(project.id));
    expect(removed.status).toBe(204);
    expect(fs.existsSync(project.path)).toBe(true); // in the trash: the folder stays until the purge
    expect((await getOne(apiRequest(url, alice.auth), idParams(project.id))).status).toBe(404);
  });

  it("answers 400 with fields for a bad patch, including an attempt to move the folder", async () => {
    const project = await (await create(apiRequest(BASE, alice.auth, "POST", { name: "Fixed" }))).json();
    const response = await patch(apiRequest(`${BASE}/${project.id}`, alice.auth, "PATCH", { name: "", path: "/tmp" }), idParams(project.id));
    expect(response.status).toBe(400);
    expect(Object.keys((await response.json()).error.fields).sort()).toEqual(["name", "path"]);
  });

  it("answers 404 for another user's project, and leaves it alone", async () => {
    const project = await (await create(apiRequest(BASE, alice.auth, "POST", { name: "Alice only" }))).json();
    const url = `${BASE}/${project.id}`;
    for (const response of [
      await getOne(apiRequest(url, bob.auth), idParams(project.id)),
      await patch(apiRequest(url, bob.auth, "PATCH", { name: "Bob's" }), idParams(project.id)),
      await remove(apiRequest(url, bob.auth, "DELETE"), idParams(project.id)),
    ]) {
      expect(response.status).toBe(404);
      expect((await response.json()).error.code).toBe("not_found");
    }
    expect((await (await getOne(apiRequest(url, alice.auth), idParams(project.id))).json()).name).toBe("Alice only");
    expect(fs.existsSync(project.path)).toBe(true);
  });
});
