import type { Kysely } from "kysely";
import type { AppLoadContext } from "react-router";
import type { DB } from "./db/schema";
import type { Environment } from "./lib/env.server";

declare module "react-router" {
  /** What every loader and action receives from the server. */
  interface AppLoadContext {
    db: Kysely<DB>;
    env: Environment;
    /** The current instant; the one clock of the application, so that tests can set it. */
    now: () => Date;
    /** Years of the published editions, newest first (kept until public content changes). */
    publishedYears: () => Promise<number[]>;
    /** Tells the page cache that public content changed. */
    contentChanged: () => Promise<void>;
    /** Network address of the client (see TRUSTED_PROXIES), for rate limits. */
    clientAddress: string;
  }
}

export type AppContext = AppLoadContext;
