import { beforeAll, describe, expect, it, vi } from "vitest";
import { dbClient } from "@/db/client";
import { apiAccount, apiRequest } from "@/tests/api";
import { GET as list, POST as create } from "./route";

// The bearer path is under test; no browser session (and next-auth stays out of the imports).
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => null }));

const BASE = "http://localhost/api/v1/tags";
let alice: { id: string; auth: string };

beforeAll(async () => {
  alice = await apiAccount("api-tags-nul@example.com");
});

describe("NUL characters in tags", () => {
  it("libSQL keeps a NUL's bytes but reads text back only up to it, which is why text with NUL is refused", async () => {
    await dbClient().execute("CREATE TABLE nul_probe (v TEXT)");
    await dbClient().execute({ sql: "INSERT INTO nul_probe VALUES (?)", args: ["nul\u0000byte"] });
    const { rows } = await dbClient().execute("SELECT v, hex(v) AS bytes FROM nul_probe");
    expect(rows[0]!.bytes).toBe("6E756C0062797465"); // all eight bytes stored…
    expect(rows[0]!.v).toBe("nul"); // …but what comes back stops at the NUL
  });

  it("POST /tags with a NUL in the name answers 400 naming the field, and stores nothing", async () => {
    const response = await create(apiRequest(BASE, alice.auth, "POST", { name: "nul\u0000byte", content: "snippet" }));
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error).toMatchObject({ code: "validation", fields: { name: expect.stringContaining("NUL character") } });
    const tags = await (await list(apiRequest(BASE, alice.auth))).json();
    expect(tags.data).toEqual([]);

    const ok = await create(apiRequest(BASE, alice.auth, "POST", { name: "nul byte", content: "snippet" }));
    expect(ok.status).toBe(201);
    expect((await ok.json()).name).toBe("nul byte");
  });
});
