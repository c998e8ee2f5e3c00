import "server-only";
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import zlib from "node:zlib";
import type { Readable } from "node:stream";
import { isPrivateAddress } from "@/lib/http/private-address";

/*
 * Fetching a page a user saved, from the server: http and https only, at most MAX_PAGE_BYTES
 * (after decompression) and FETCH_TIMEOUT_MS for the whole fetch, redirects followed (at most
 * MAX_REDIRECTS, each hop checked like the first). Unless LINKS_ALLOW_PRIVATE=1, a host whose
 * addresses include any loopback, private or link-local one is refused, and the address the
 * connection is made to is the one checked (node's `lookup` hook), so a name that resolves
 * differently a second time cannot slip through.
 */

export const MAX_PAGE_BYTES = 5 * 1024 * 1024;
export const FETCH_TIMEOUT_MS = 15_000;
export const MAX_REDIRECTS = 5;
const READABLE_TYPES = ["text/html", "application/xhtml+xml", "text/plain"];

/** A fetch that did not give a page, with the reason in words a person understands. */
export class PageFetchError extends Error {}

export type FetchedPage = { finalUrl: string; contentType: string; html: string };

export type FetchOptions = {
  allowPrivate: boolean;
  maxBytes?: number;
  timeoutMs?: number;
  /**
   * Which addresses count as private. Tests that can only serve from loopback pass one that
   * takes their own stand-in's address as public, to see the checks on the hops after it.
   */
  isPrivate?: (address: string) => boolean;
};

function refusedAddress(host: string) {
  return new PageFetchError(`${host} is a loopback, private or link-local address, which this server does not fetch (an admin can allow it with LINKS_ALLOW_PRIVATE=1).`);
}

/** The URL as one this server may fetch (http or https, no credentials), or a PageFetchError. */
export function parsePageUrl(raw: string, base?: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim(), base);
  } catch {
    throw new PageFetchError(`"${raw.slice(0, 200)}" is not a URL.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new PageFetchError(`Only http and https pages can be fetched, not ${url.protocol.replace(/:$/, "")}.`);
  if (!url.hostname) throw new PageFetchError("The URL has no host.");
  if (url.username || url.password) throw new PageFetchError("URLs with a user name or password are not fetched.");
  return url;
}

export async function fetchPage(rawUrl: string, options: FetchOptions): Promise<FetchedPage> {
  const maxBytes = options.maxBytes ?? MAX_PAGE_BYTES;
  const timeoutMs = options.timeoutMs ?? FETCH_TIMEOUT_MS;
  const isPrivate = options.isPrivate ?? isPrivateAddress;
  const signal = AbortSignal.timeout(timeoutMs);
  let url = parsePageUrl(rawUrl);
  try {
    for (let hop = 0; ; hop++) {
      const response = await request(url, { allowPrivate: options.allowPrivate, isPrivate, signal });
      const status = response.statusCode ?? 0;
      if (status >= 300 && status < 400 && response.headers.location) {
        response.destroy();
        if (hop >= MAX_REDIRECTS) throw new PageFetchError(`The page redirected more than ${MAX_REDIRECTS} times.`);
        url = parsePageUrl(response.headers.location, url.toString());
        continue;
      }
      if (status < 200 || status >= 300) {
        response.destroy();
        throw new PageFetchError(`The page answered HTTP ${status}${response.statusMessage ? ` ${response.statusMessage}` : ""}.`);
      }
      const contentType = String(response.headers["content-type"] ?? "text/html").toLowerCase();
      const mediaType = contentType.split(";")[0]!.trim();
      if (!READABLE_TYPES.includes(mediaType)) {
        response.destroy();
        throw new PageFetchError(`The link is not a web page (${mediaType || "no content type"}); only HTML and plain text are read.`);
      }
      const declared = Number(response.headers["content-length"]);
      if (Number.isFinite(declared) && declared > maxBytes) {
        response.destroy();
        throw new PageFetchError(tooBig(maxBytes));
      }
      const body = await readBounded(response, maxBytes);
      return { finalUrl: url.toString(), contentType, html: decode(body, contentType) };
    }
  } catch (error) {
    if (signal.aborted) throw new PageFetchError(`The page did not load within ${seconds(timeoutMs)}, the longest a page may take.`);
    if (error instanceof PageFetchError) throw error;
    const cause = error as NodeJS.ErrnoException;
    if (cause.code === "ENOTFOUND" || cause.code === "EAI_AGAIN") throw new PageFetchError(`The host ${url.hostname} could not be found.`);
    if (cause.code === "ECONNREFUSED") throw new PageFetchError(`${url.host} refused the connection.`);
    throw new PageFetchError(`Could not fetch ${url.host}: ${cause.message}`);
  }
}

const seconds = (ms: number) => (ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`);
const tooBig = (maxBytes: number) => `The page is larger than ${Math.round(maxBytes / 1024 / 1024)} MB, the most that is read.`;

/** One request, connected only to an address that passed the check. */
function request(url: URL, { allowPrivate, isPrivate, signal }: { allowPrivate: boolean; isPrivate: (a: string) => boolean; signal: AbortSignal }) {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  // An address in the URL itself is never looked up, so it is checked here.
  if (net.isIP(host) && !allowPrivate && isPrivate(host)) return Promise.reject(refusedAddress(host));
  const lookup: net.LookupFunction = (hostname, options, callback) => {
    dns.lookup(hostname, { all: true }, (error, addresses) => {
      if (error) return callback(error, "", 0);
      if (addresses.length === 0) return callback(Object.assign(new Error("no address"), { code: "ENOTFOUND" }), "", 0);
      // Every address the name has is checked, not just the one used.
      if (!allowPrivate && addresses.some((a) => isPrivate(a.address))) return callback(refusedAddress(hostname), "", 0);
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
  const client = url.protocol === "https:" ? https : http;
  return new Promise<http.IncomingMessage>((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: "GET",
        lookup,
        signal,
        headers: {
          "user-agent": "Switchboard-LinkReader/1.0",
          accept: "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1",
          "accept-encoding": "gzip, deflate, br",
        },
      },
      resolve,
    );
    req.on("error", (error) => reject((error as { cause?: unknown }).cause instanceof PageFetchError ? (error as { cause: PageFetchError }).cause : error));
    req.end();
  });
}

/** The body, decompressed, refused past `maxBytes` (counted after decompression: a small gzip can hold a huge page). */
async function readBounded(response: http.IncomingMessage, maxBytes: number): Promise<Buffer> {
  const encoding = String(response.headers["content-encoding"] ?? "").trim().toLowerCase();
  let stream: Readable = response;
  if (encoding === "gzip" || encoding === "x-gzip") stream = response.pipe(zlib.createGunzip());
  else if (encoding === "deflate") stream = response.pipe(zlib.createInflate());
  else if (encoding === "br") stream = response.pipe(zlib.createBrotliDecompress());
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) throw new PageFetchError(tooBig(maxBytes));
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    if (error instanceof PageFetchError) throw error;
    throw new PageFetchError(`The page could not be read: ${(error as Error).message}`);
  } finally {
    response.destroy();
  }
  return Buffer.concat(chunks);
}

/** The text in the charset the response or the page itself declares (UTF-8 when none or unknown). */
function decode(body: Buffer, contentType: string): string {
  const declared = /charset=["']?([\w.:-]+)/i.exec(contentType)?.[1] ?? /<meta[^>]+charset=["']?([\w.:-]+)/i.exec(body.subarray(0, 2048).toString("latin1"))?.[1];
  try {
    return new TextDecoder(declared ?? "utf-8").decode(body);
  } catch {
    return new TextDecoder("utf-8").decode(body);
  }
}
