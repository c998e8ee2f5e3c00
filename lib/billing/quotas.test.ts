import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { GET as meGET } from "@/app/api/v1/me/route";
import { GET as tagsGET, POST as tagsPOST } from "@/app/api/v1/tags/route";
import { POST as createTask } from "@/app/api/v1/tasks/route";
import { POST as upload } from "@/app/api/v1/tasks/[id]/images/route";
import { PLAN_LIMITS } from "@/lib/billing/plans";
import { config } from "@/lib/config";
import { MAX_IMAGE_BYTES } from "@/lib/images/detect";
import { createProject } from "@/lib/projects/projects";
import { createApiToken, revokeApiToken } from "@/lib/tokens/tokens";
import { apiAccount, apiRequest, idParams } from "@/tests/api";

// Bearer tokens only: the browser session is covered end to end.
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => null }));

/**
 * Issue 10 item 8: one FREE user uploaded 25 x 10 MB images in 5 s, created
 * 200 tokens and 1,000 tags. Each attack again, at once where a burst could
 * slip past a check-then-insert, against the real route handlers.
 */

const URL_ = "http://localhost/api/v1";
const PNG_HEADER = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

/** A PNG-looking file of exactly `size` bytes (the type is read from the first bytes). */
function png(size: number) {
  const bytes = new Uint8Array(size);
  bytes.set(PNG_HEADER);
  return bytes;
}

function uploadRequest(auth: string, taskId: string, bytes: Uint8Array) {
  const form = new FormData();
  form.append("file", new File([bytes as BlobPart], "big.png", { type: "image/png" }));
  return new Request(`${URL_}/tasks/${taskId}/images`, { method: "POST", headers: { authorization: auth }, body: form });
}

async function taskOf(account: { id: string; auth: string }) {
  const projectId = (await createProject(account.id, { name: "Quota" })).id;
  const res = await createTask(apiRequest(`${URL_}/tasks`, account.auth, "POST", { projectId, title: "Pictures" }));
  return (await res.json()).id as string;
}

const me = async (auth: string) => (await meGET(apiRequest(`${URL_}/me`, auth))).json();

let free: { id: string; auth: string };
beforeAll(async () => {
  free = await apiAccount("quota-free@example.com", "FREE");
});

describe("image storage quota", () => {
  it("a FREE user firing 12 x 10 MB uploads at once keeps 100 MB: the rest get a 403 saying so, and no file is left behind", async () => {
    const taskId = await taskOf(free);
    const limit = PLAN_LIMITS.FREE.imageStorageBytes;
    expect(limit).toBe(100 * 1024 * 1024);
    const burst = await Promise.all(
      Array.from({ length: 12 }, () => upload(uploadRequest(free.auth, taskId, png(MAX_IMAGE_BYTES)), idParams(taskId))),
    );
    const statuses = burst.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(limit / MAX_IMAGE_BYTES);
    expect(statuses.filter((s) => s === 403)).toHaveLength(2);
    const refused = await burst.find((r) => r.status === 403)!.json();
    expect(refused.error).toMatchObject({ code: "forbidden", message: expect.stringMatching(/FREE plan allows 100 MiB of images.*\/billing/) });

    const folder = path.join(config().uploadsDir, free.id);
    expect(fs.readdirSync(folder)).toHaveLength(10);
    const body = await me(free.auth);
    expect(body.limits.imageStorageBytes).toBe(limit);
    expect(body.usage.imageStorageBytes).toBe(limit);

    // Even a tiny file no longer fits.
    const small = await upload(uploadRequest(free.auth, taskId, png(100)), idParams(taskId));
    expect(small.status).toBe(403);
    expect(fs.readdirSync(folder)).toHaveLength(10);
  });

  it("a PRO user is held to 5 GB (the plan number), not 100 MB", async () => {
    const pro = await apiAccount("quota-pro@example.com", "PRO");
    const taskId = await taskOf(pro);
    expect(PLAN_LIMITS.PRO.imageStorageBytes).toBe(5 * 1024 ** 3);
    const res = await upload(uploadRequest(pro.auth, taskId, png(MAX_IMAGE_BYTES)), idParams(taskId));
    expect(res.status).toBe(201);
    expect((await me(pro.auth)).limits.imageStorageBytes).toBe(5 * 1024 ** 3);
  });
});

describe("API token quota", () => {
  it("60 tokens asked for at once give 50 live ones; revoking one frees a slot", async () => {
    const owner = await apiAccount("quota-tokens@example.com", "PRO");
    // apiAccount made one token already.
    const results = await Promise.allSettled(Array.from({ length: 60 }, (_, i) => createApiToken(owner.id, `t${i}`)));
    const made = results.filter((r) => r.status === "fulfilled");
    expect(made).toHaveLength(PLAN_LIMITS.PRO.apiTokens - 1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: "forbidden", message: expect.stringMatching(/allows 50 live API tokens.*\/settings\/tokens/) });
    expect((await me(owner.auth)).usage.apiTokens).toBe(50);

    await revokeApiToken(owner.id, (made[0] as PromiseFulfilledResult<{ id: string }>).value.id);
    await expect(createApiToken(owner.id, "again")).resolves.toMatchObject({ name: "again" });
    await expect(createApiToken(owner.id, "one too many")).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("tags", () => {
  it("tag number 501 is refused with a 403, even when the last ones arrive at once", async () => {
    const owner = await apiAccount("quota-tags@example.com", "FREE");
    const create = (i: number) => tagsPOST(apiRequest(`${URL_}/tags`, owner.auth, "POST", { name: `tag ${i}`, content: "x".repeat(9000) }));
    for (let start = 0; start < 480; start += 40) {
      const batch = await Promise.all(Array.from({ length: 40 }, (_, i) => create(start + i)));
      expect(batch.every((r) => r.status === 201)).toBe(true);
    }
    const last = await Promise.all(Array.from({ length: 30 }, (_, i) => create(480 + i)));
    expect(last.filter((r) => r.status === 201)).toHaveLength(20);
    const refused = last.find((r) => r.status === 403)!;
    expect((await refused.json()).error).toMatchObject({ code: "forbidden", message: expect.stringMatching(/FREE plan allows 500 tags/) });
    const body = await me(owner.auth);
    expect(body.usage.tags).toBe(500);
    expect(body.limits.tags).toBe(500);
  });

  it("GET /tags pages with ?limit=&cursor= and refuses a bad limit with a 400", async () => {
    const owner = await apiAccount("tags-pages@example.com");
    for (const name of ["a", "b", "c", "d", "e"]) await tagsPOST(apiRequest(`${URL_}/tags`, owner.auth, "POST", { name }));
    for (const bad of ["-5", "0", "101", "abc"]) {
      const res = await tagsGET(apiRequest(`${URL_}/tags?limit=${bad}`, owner.auth));
      expect(res.status).toBe(400);
      expect((await res.json()).error).toMatchObject({ code: "validation", fields: { limit: expect.any(String) } });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { data: { name: string }[]; nextCursor: string | null } = await (
        await tagsGET(apiRequest(`${URL_}/tags?limit=2${cursor ? `&cursor=${cursor}` : ""}`, owner.auth))
      ).json();
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.map((t) => t.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(["e", "d", "c", "b", "a"]);
  });
});
