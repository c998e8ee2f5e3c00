import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { config } from "@/lib/config";
import { detectImageType, MAX_IMAGE_BYTES } from "@/lib/images/detect";
import { createProject } from "@/lib/projects/projects";
import { apiAccount, apiRequest, idParams } from "@/tests/api";
import { POST as createTask } from "../../tasks/route";
import { DELETE as deleteTask, GET as getTask } from "../../tasks/[id]/route";
import { POST as upload } from "../../tasks/[id]/images/route";
import { DELETE as remove, GET } from "./route";
import { DELETE as deleteForever } from "../../trash/[kind]/[id]/route";

vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => null }));

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3]);
let alice: { id: string; auth: string };
let bob: { id: string; auth: string };
let taskId: string;

function uploadRequest(auth: string, id: string, bytes: Uint8Array, name: string, type = "image/png") {
  const form = new FormData();
  form.append("file", new File([bytes as BlobPart], name, { type }));
  return new Request(`http://localhost/api/v1/tasks/${id}/images`, { method: "POST", headers: { authorization: auth }, body: form });
}
const filesOf = (userId: string) => {
  const dir = path.join(config().uploadsDir, userId);
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
};

beforeAll(async () => {
  alice = await apiAccount("api-images-alice@example.com");
  bob = await apiAccount("api-images-bob@example.com");
  const projectId = (await createProject(alice.id, { name: "Images" })).id;
  const res = await createTask(apiRequest("http://localhost/api/v1/tasks", alice.auth, "POST", { projectId, title: "With a picture" }));
  taskId = (await res.json()).id;
});

describe("detectImageType", () => {
  it("knows PNG, JPEG, WebP and GIF by their bytes, nothing else", () => {
    expect(detectImageType(PNG)?.mimeType).toBe("image/png");
    expect(detectImageType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))?.mimeType).toBe("image/jpeg");
    expect(detectImageType(new TextEncoder().encode("GIF89a..."))?.mimeType).toBe("image/gif");
    expect(detectImageType(new TextEncoder().encode("RIFF\0\0\0\0WEBPVP8 "))?.mimeType).toBe("image/webp");
    expect(detectImageType(new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg'/>"))).toBeNull();
    expect(detectImageType(new TextEncoder().encode("RIFF\0\0\0\0WAVEfmt "))).toBeNull();
  });
});

describe("task images", () => {
  it("stores an upload under DATA_DIR/uploads/<user>/ and serves it to its owner only", async () => {
    const res = await upload(uploadRequest(alice.auth, taskId, PNG, "shot.txt", "text/plain"), idParams(taskId));
    expect(res.status).toBe(201);
    const image = await res.json();
    expect(image).toMatchObject({ originalName: "shot.txt", mimeType: "image/png", sizeBytes: PNG.byteLength, url: `/api/v1/images/${image.id}` });
    expect(filesOf(alice.id)).toEqual([`${image.id}.png`]);

    const served = await GET(apiRequest(`http://localhost${image.url}`, alice.auth), idParams(image.id));
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(served.headers.get("x-content-type-options")).toBe("nosniff");
    expect(served.headers.get("cache-control")).toContain("private");
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(PNG);

    const detail = await (await getTask(apiRequest(`http://localhost/api/v1/tasks/${taskId}`, alice.auth), idParams(taskId))).json();
    expect(detail.images.map((i: { id: string }) => i.id)).toEqual([image.id]);

    expect((await GET(apiRequest(`http://localhost${image.url}`, bob.auth), idParams(image.id))).status).toBe(404);
    expect((await remove(apiRequest(`http://localhost${image.url}`, bob.auth, "DELETE"), idParams(image.id))).status).toBe(404);
    expect((await upload(uploadRequest(bob.auth, taskId, PNG, "x.png"), idParams(taskId))).status).toBe(404);
    expect(filesOf(bob.id)).toEqual([]);

    expect((await remove(apiRequest(`http://localhost${image.url}`, alice.auth, "DELETE"), idParams(image.id))).status).toBe(204);
    expect(filesOf(alice.id)).toEqual([]);
    expect((await GET(apiRequest(`http://localhost${image.url}`, alice.auth), idParams(image.id))).status).toBe(404);
  });

  it("refuses a non-image named .png and a file over 10 MB with a message, writing nothing", async () => {
    const before = filesOf(alice.id);
    const script = await upload(uploadRequest(alice.auth, taskId, new TextEncoder().encode("#!/bin/sh\nrm -rf /"), "evil.png"), idParams(taskId));
    expect(script.status).toBe(400);
    expect((await script.json()).error).toMatchObject({ code: "validation", message: "That file is not a PNG, JPEG, WebP or GIF image." });

    const big = new Uint8Array(MAX_IMAGE_BYTES + 1);
    big.set(PNG);
    const tooBig = await upload(uploadRequest(alice.auth, taskId, big, "huge.png"), idParams(taskId));
    expect(tooBig.status).toBe(400);
    expect((await tooBig.json()).error.message).toMatch(/10 MB/);

    const noFile = await upload(new Request(`http://localhost/api/v1/tasks/${taskId}/images`, { method: "POST", headers: { authorization: alice.auth }, body: new FormData() }), idParams(taskId));
    expect(noFile.status).toBe(400);
    expect(filesOf(alice.id)).toEqual(before);
  });
});

describe("deleting a task", () => {
  it("deleting it for good (from the trash) deletes its images' rows and files too", async () => {
    const projectId = (await createProject(alice.id, { name: "Short-lived" })).id;
    const created = await createTask(apiRequest("http://localhost/api/v1/tasks", alice.auth, "POST", { projectId, title: "Temporary" }));
    const id = (await created.json()).id;
    const image = await (await upload(uploadRequest(alice.auth, id, PNG, "a.png"), idParams(id))).json();
    expect(filesOf(alice.id)).toContain(`${image.id}.png`);
    expect((await deleteTask(apiRequest(`http://localhost/api/v1/tasks/${id}`, alice.auth, "DELETE"), idParams(id))).status).toBe(204);
    expect(filesOf(alice.id)).toContain(`${image.id}.png`); // in the trash, restorable
    const forever = await deleteForever(apiRequest(`http://localhost/api/v1/trash/task/${id}`, alice.auth, "DELETE"), { params: Promise.resolve({ kind: "task", id }) });
    expect(forever.status).toBe(204);
    expect(filesOf(alice.id)).not.toContain(`${image.id}.png`);
    expect((await GET(apiRequest(`http://localhost${image.url}`, alice.auth), idParams(image.id))).status).toBe(404);
  });
});
