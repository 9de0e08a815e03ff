/**
 * rencontres grant-owner EMAIL... [--language fr|en]
 *
 * Makes the person of each EMAIL an owner of every edition, on the database the application uses
 * (DATABASE_URL, else the PGlite folder DATA_DIR): how a fresh installation gets its first owner,
 * who then invites the others from the back office. With PGlite, run it while the server is
 * stopped (one process at a time opens the folder).
 *
 * It runs the production build (`npm run build`, which `npm start` runs too).
 *
 * Exit codes: 0 done (or already an owner), 1 no build, 2 bad arguments.
 */
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { z } from "zod";
import { USAGE_ERROR, type CommandIo } from "./rencontres";

// The application's code as the server runs it: the build bundles the SQL migrations, which only
// Vite knows how to gather.
const build = new URL("../build/server/index.js", import.meta.url);

const USAGE = "usage: rencontres grant-owner EMAIL... [--language fr|en]\n";

export async function grantOwnerCommand(args: string[], io: CommandIo, source: Record<string, string | undefined> = process.env): Promise<number> {
  let emails: string[];
  let language: "fr" | "en";
  try {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { language: { type: "string", default: "fr" } } });
    emails = z.array(z.email().transform((email) => email.toLowerCase())).min(1).parse(positionals);
    language = z.enum(["fr", "en"]).parse(values.language);
  } catch {
    io.stderr(`rencontres grant-owner: expected e-mail addresses, and fr or en after --language\n${USAGE}`);
    return USAGE_ERROR;
  }
  if (!existsSync(build)) {
    io.stderr("rencontres grant-owner: no build found: run `npm run build` first.\n");
    return 1;
  }
  const server = (await import(build.href)) as typeof import("../server/app");
  const env = server.readEnvironment(source);
  // The demo is the server's business: the command only adds a role to what is there.
  const connection = await server.prepareDatabase({ ...env, DEMO_DATA: false });
  try {
    for (const email of emails) {
      const { granted } = await server.grantRole(connection.db, { commandLine: true }, { email, role: "owner", editionId: null, language }, new Date());
      io.stdout(
        granted
          ? `${email} is now an owner of every edition. They sign in with this address, then set up a second factor.\n`
          : `${email} was already an owner of every edition.\n`,
      );
    }
    return 0;
  } finally {
    await connection.close();
  }
}
