/**
 * npm run bench:copy-edition — copies an edition of 100 sessions and 30 questions into a new draft,
 * ten times on PGlite, and prints the median and the longest copy. Target: under a second.
 */
import { fileURLToPath } from "node:url";
import { createServer } from "vite";

const root = fileURLToPath(new URL("..", import.meta.url));
const server = await createServer({
  root,
  configFile: false,
  logLevel: "error",
  resolve: { alias: { "~": `${root}app` } },
  server: { middlewareMode: true, hmr: false },
  appType: "custom",
  optimizeDeps: { noDiscovery: true },
});
try {
  const bench = (await server.ssrLoadModule("/bench/copy-edition.run.ts")) as { run: () => Promise<void> };
  await bench.run();
} finally {
  await server.close();
}
