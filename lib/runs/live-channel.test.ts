import dgram from "node:dgram";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { liveListeners } from "@/db/schema";
import { startLiveListener } from "./live-channel";

/** A datagram from another process's point of view: a plain UDP socket sending to the registered port. */
async function sendRaw(port: number, text: string) {
  const socket = dgram.createSocket("udp4");
  await new Promise<void>((resolve) => socket.send(Buffer.from(text), port, "127.0.0.1", () => resolve()));
  socket.close();
}

describe("live notification channel", () => {
  it("registers the listener, delivers signed notifications and ignores forged or malformed datagrams", async () => {
    const got: Array<[string, number | null]> = [];
    const stop = await startLiveListener((runId, lastSeq) => got.push([runId, lastSeq]));
    try {
      const [row] = await db().select().from(liveListeners);
      expect(row).toMatchObject({ address: "127.0.0.1" });
      const port = row!.port;
      await sendRaw(port, "run-1 5 AAAAAAAAAAAAAAAAAAAAAA"); // wrong MAC
      await sendRaw(port, "run-1 5"); // none
      await sendRaw(port, "\u0000".repeat(500));
      // A genuine one, as another process sends it (same AUTH_SECRET under the same DATA_DIR).
      const { sendLiveNotification } = await import("./live-channel");
      // This process's own listener is skipped by the sender, so forget who we are for a moment.
      const g = globalThis as unknown as { __switchboardLive: { selfId: string | null } };
      const self = g.__switchboardLive.selfId;
      g.__switchboardLive.selfId = null;
      sendLiveNotification("run-2", 42);
      sendLiveNotification("run-3", null);
      await expect.poll(() => got.length, { timeout: 5000 }).toBe(2);
      g.__switchboardLive.selfId = self;
      expect(got).toEqual([
        ["run-2", 42],
        ["run-3", null],
      ]);
    } finally {
      await stop();
    }
    expect(await db().select().from(liveListeners)).toEqual([]);
  });
});
