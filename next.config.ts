import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Tests build into their own folder so a running `next dev` is never clobbered.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // libSQL ships a native addon: load it with Node's require, never bundle it.
  serverExternalPackages: ["@libsql/client", "libsql", "bcryptjs"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
