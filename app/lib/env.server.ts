import { z } from "zod";

const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((value) => value === "true" || value === "1" || value === "yes");

const environmentSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  HOST: z.string().min(1).default("0.0.0.0"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).default("http://localhost:3000").transform((url) => url.replace(/\/+$/, "")),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DATA_DIR: z.string().min(1).default("./data/pglite"),
  DEMO_DATA: booleanFlag.default(true),
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  MAIL_FROM: z.string().min(3).default("Rencontres <no-reply@localhost>"),
  /** Recipients of messages and reminders each process puts in the outbox per minute. */
  MESSAGES_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(600),
  CLOCK_AT: z.iso.datetime({ offset: true }).transform((value) => new Date(value)).optional(),
  PAGE_CACHE_CHECK_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  TRUSTED_PROXIES: z.coerce.number().int().min(0).max(10).default(0),
  SECRET_KEY: z.string().min(32).optional(),
});

export type Environment = z.infer<typeof environmentSchema>;

/** Reads the settings, or throws one message naming every wrong one. */
export function readEnvironment(source: Record<string, string | undefined> = process.env): Environment {
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ""));
  const result = environmentSchema.safeParse(present);
  // Requests are addressed to PUBLIC_URL (server/app.ts): by default, wherever this process listens locally.
  if (result.success && present.PUBLIC_URL === undefined) return { ...result.data, PUBLIC_URL: `http://localhost:${result.data.PORT}` };
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
  throw new Error(`Invalid configuration (see .env.example):\n${lines.join("\n")}`);
}
