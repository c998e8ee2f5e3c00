import "server-only";

/**
 * The content hash of files this process read lately, by path and signature (size, mtime,
 * ctime, inode), so checkpointing an unchanged project reads no file again. As git's index
 * does, an entry is trusted only if the file was last changed well before it was hashed: a
 * write in the same instant as the hash could leave the signature unchanged.
 */

const RACY_MS = 2000;
const MAX_ENTRIES = 200_000;
const cache = new Map<string, { signature: string; hash: string }>();

const key = (root: string, rel: string) => `${root}\0${rel}`;
const mtimeMsOf = (signature: string) => Number(BigInt(signature.split(":")[1] ?? "0") / BigInt(1_000_000));

export function cachedHash(root: string, rel: string, signature: string): string | null {
  const hit = cache.get(key(root, rel));
  return hit && hit.signature === signature ? hit.hash : null;
}

export function rememberHash(root: string, rel: string, signature: string, hash: string) {
  if (Date.now() - mtimeMsOf(signature) < RACY_MS) return;
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(key(root, rel), { signature, hash });
}
