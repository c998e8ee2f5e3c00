import "server-only";
import { parseDocument, DomUtils } from "htmlparser2";
import { convert } from "html-to-text";

/*
 * A fetched page as a person reads it: its title (the <title>, else og:title, else the first
 * <h1>) and its text, made by html-to-text (links without their addresses, images, scripts,
 * styles, forms and the navigation around the content left out).
 */

/** The most text kept per link (what the page shows and the agent is given a part of). */
export const MAX_TEXT_CHARS = 200_000;

const SKIP = ["script", "style", "noscript", "template", "svg", "canvas", "iframe", "nav", "footer", "form", "button", "select", "img", "picture", "video", "audio"];

const clean = (s: string) => s.replace(/\s+/g, " ").trim();

export function readablePage(html: string, contentType: string): { title: string | null; text: string } {
  if (contentType.startsWith("text/plain")) {
    const text = html.replace(/\r\n?/g, "\n").trim();
    return { title: clean(text.split("\n", 1)[0] ?? "").slice(0, 300) || null, text: text.slice(0, MAX_TEXT_CHARS) };
  }
  const dom = parseDocument(html);
  const titleEl = DomUtils.findOne((el) => el.name === "title", dom.children, true);
  const ogTitle = DomUtils.findOne((el) => el.name === "meta" && (el.attribs.property === "og:title" || el.attribs.name === "twitter:title"), dom.children, true);
  const h1 = DomUtils.findOne((el) => el.name === "h1", dom.children, true);
  const title = [titleEl && DomUtils.textContent(titleEl), ogTitle?.attribs.content, h1 && DomUtils.textContent(h1)].map((t) => clean(t ?? "")).find(Boolean) ?? null;
  const main = DomUtils.findOne((el) => el.name === "article" || el.name === "main", dom.children, true);
  const text = convert(html, {
    wordwrap: false,
    // The article or main element when the page has one, else the whole body.
    baseElements: { selectors: main ? [main.name] : ["body"], returnDomByDefault: true, orderBy: "occurrence" },
    selectors: [
      { selector: "a", options: { ignoreHref: true } },
      { selector: "h1", options: { uppercase: false } },
      { selector: "h2", options: { uppercase: false } },
      { selector: "h3", options: { uppercase: false } },
      { selector: "table", format: "dataTable", options: { uppercaseHeaderCells: false } },
      ...SKIP.map((selector) => ({ selector, format: "skip" })),
    ],
  })
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  return { title: title ? title.slice(0, 300) : null, text: text.slice(0, MAX_TEXT_CHARS) };
}
