import type { Kysely } from "kysely";
import type { DB } from "./db/schema";
import type { Environment } from "./lib/env.server";

/** What every loader and action receives from the server. */
export interface AppContext {
  db: Kysely<DB>;
  env: Environment;
  /** The current instant; the one clock of the application, so that tests can set it. */
  now: () => Date;
  /** Tells the page cache that public content changed. */
  contentChanged: () => Promise<void>;
}

declare module "react-router" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends AppContext {}
}
