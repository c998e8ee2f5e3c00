import next from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...next,
  ...nextTs,
  {
    ignores: [".next/**", ".next-*/**", "node_modules/**", "data/**", "db/migrations/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Pages and components take the domain's vocabularies from lib/domain, never Drizzle's schema
    // (which would pull it toward the browser bundle); data comes to them through lib/.
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/db", "@/db/*"], message: "Import enums and their types from @/lib/domain; data goes through lib/." }] },
      ],
    },
  },
  {
    // Shared components get server actions as props; UI one route uses lives in its _components/.
    files: ["components/**/*.{ts,tsx}"],
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/db", "@/db/*"], message: "Import enums and their types from @/lib/domain; data goes through lib/." },
            { group: ["@/app/*"], message: "components/ never imports from app/: take server actions as props, or move the UI to the route's _components/." },
          ],
        },
      ],
    },
  },
  {
    // The database layer stands below lib/: it may use lib/domain (dependency-free) and nothing else.
    files: ["db/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(@/|(\\.\\./)+)lib/(?!domain(/|$))",
              message: "db/ depends on nothing in lib/ but lib/domain; pass what it needs in (see setDatabaseSettings).",
            },
          ],
        },
      ],
    },
  },
  {
    // lib/domain is imported by db/ and the browser alike, so it imports nothing but itself.
    files: ["lib/domain/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ regex: "^(?!\\./)", message: "lib/domain is dependency-free: import only its own files." }] }],
    },
  },
];

export default config;
