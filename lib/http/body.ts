import "server-only";

/** The most a JSON request body may hold: every API body is a few kilobytes at most. */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;

/**
 * Reads a request body as bytes, never more than `limit` of them: a declared
 * Content-Length over the limit is refused before anything is read, and a
 * body that streams past it (chunked, or lying about its length) is cancelled
 * there, so a 600 MB upload costs at most `limit` bytes of memory.
 * `tooBig` says what to throw; each caller has its own message.
 */
export async function readBodyBytes(request: Request, limit: number, tooBig: () => Error): Promise<Buffer<ArrayBuffer>> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw tooBig();
  const reader = request.body?.getReader();
  if (!reader) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      throw tooBig();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** The same, decoded as UTF-8 text. */
export async function readBodyText(request: Request, limit: number, tooBig: () => Error): Promise<string> {
  return new TextDecoder().decode(await readBodyBytes(request, limit, tooBig));
}
