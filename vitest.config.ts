import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(__dirname),
      // lib/ marks itself server-only; tests are the server.
      "server-only": path.resolve(__dirname, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", "e2e/**", ".next/**", ".next-*/**", "data/**"],
    setupFiles: ["tests/setup.ts"],
    pool: "forks",
    // next-auth imports "next/server" without an extension; let vite resolve it.
    server: { deps: { inline: ["next-auth", "@auth/core"] } },
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
