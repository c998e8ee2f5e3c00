import { z } from "zod";

// Pages run under a CSP without 'unsafe-eval' (proxy.ts). Zod builds fast
// object parsers with `new Function` unless told not to, and even its probe
// for that is a CSP violation in the browser. Next runs this file before the
// app's own client code, so every schema the forms validate with is built
// without eval. (The server has no CSP and keeps the fast parsers.)
z.config({ jitless: true });
