import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "./markdown";

const html = (text: string) => renderToStaticMarkup(createElement(Markdown, { text }));

describe("messages rendered as Markdown", () => {
  it("never injects HTML from a message: tags show as text, unsafe links stay text", () => {
    const out = html('<img src=x onerror="alert(1)"> <script>alert(2)</script> [click](javascript:alert(3)) **<b>bold</b>**');
    expect(out).not.toContain("<img");
    expect(out).not.toContain("<script");
    expect(out).not.toContain('href="javascript');
    expect(out).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(out).toContain("<strong>&lt;b&gt;bold&lt;/b&gt;</strong>");
  });

  it("renders what agents write: headings, lists, inline code, safe links and fenced code with its language", () => {
    const out = html("# Done\n\n- `npm test` passes\n- see [the docs](https://example.com/docs)\n\n```ts\nconst x = 1; // one\n```");
    expect(out).toContain("<h3");
    expect(out).toMatch(/<li><code[^>]*>npm test<\/code> passes<\/li>/);
    expect(out).toContain('href="https://example.com/docs" rel="noopener noreferrer nofollow"');
    expect(out).toContain("<figcaption");
    expect(out).toMatch(/<span class="[^"]*">const<\/span> x = <span class="[^"]*">1<\/span>; <span class="[^"]*">\/\/ one<\/span>/);
  });
});
