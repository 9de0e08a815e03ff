import { crc32, deflateSync } from "node:zlib";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { AppError } from "~/lib/errors";
import { translate } from "~/i18n/translate";
import { databaseKinds, useTestDatabase } from "~/test/database";
import { signedInOrganiser } from "~/test/factories";
import { chosenFile, processImage, storeImage } from "./image.server";
import { maxImageBytes, maxImagePixels, mediaPath, parseMediaFile, storedImageWidth } from "./media";
import { mediaResponse } from "./serve.server";

const colour = { r: 200, g: 30, b: 60, alpha: 0.5 };
const blank = (width: number, height: number) => sharp({ create: { width, height, channels: 4, background: colour } });

/** A PNG whose header declares `width` × `height` pixels, with a few bytes of image data only. */
function pngDeclaring(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.alloc(1024))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  throw new Error("accepted");
}

describe("an uploaded image", () => {
  it("is accepted as PNG, JPEG or WebP, reduced to the stored width and re-encoded as WebP", async () => {
    for (const encoded of [await blank(1600, 900).png().toBuffer(), await blank(1600, 900).jpeg().toBuffer(), await blank(1600, 900).webp().toBuffer()]) {
      const image = await processImage(encoded);
      const metadata = await sharp(image.bytes).metadata();
      expect(metadata.format).toBe("webp");
      expect([image.width, image.height, metadata.width, metadata.height]).toEqual([storedImageWidth, 450, storedImageWidth, 450]);
      expect(image.hash).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it("keeps its transparency, and is never enlarged", async () => {
    const image = await processImage(await blank(120, 40).png().toBuffer());
    const metadata = await sharp(image.bytes).metadata();
    expect(metadata.hasAlpha).toBe(true);
    expect([image.width, image.height]).toEqual([120, 40]);
  });

  it("is judged by its content: an HTML page or an SVG renamed .png is refused", async () => {
    const html = new File(["<!doctype html><script>alert(1)</script><img src=x onerror=alert(1)>"], "logo.png", { type: "image/png" });
    const svg = new File(['<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'], "logo.png", { type: "image/png" });
    const gif = new File([await blank(10, 10).gif().toBuffer()], "logo.webp", { type: "image/webp" });
    for (const file of [html, svg, gif]) expect(await refusal(processImage(new Uint8Array(await file.arrayBuffer()))), file.name).toBe("image_not_supported");
  });

  it("declaring 50,000 × 50,000 pixels is refused from its header, without decoding it", async () => {
    const huge = pngDeclaring(50_000, 50_000);
    expect(huge.byteLength).toBeLessThan(2048);
    const before = process.memoryUsage().rss;
    expect(await refusal(processImage(huge))).toBe("image_too_many_pixels");
    // Decoding it would take 10 GB; reading its header takes nothing worth measuring.
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
    expect(50_000 * 50_000).toBeGreaterThan(maxImagePixels);
  });

  it("over 5 MB is refused before it is read, and an empty field is no file", async () => {
    expect(await refusal(processImage(new Uint8Array(maxImageBytes + 1)))).toBe("image_too_heavy");
    expect(chosenFile(new File([], ""))).toBeUndefined();
    expect(chosenFile("text")).toBeUndefined();
    expect(chosenFile(null)).toBeUndefined();
    expect(chosenFile(new File(["x"], "a.png"))).toBeInstanceOf(File);
  });

  it("is refused with messages that say the limits the code holds, in both languages", () => {
    expect(maxImageBytes).toBe(5 * 1024 * 1024);
    expect(maxImagePixels).toBe(50_000_000);
    expect(translate("en", "media.error.tooHeavy")).toContain("5 MB");
    expect(translate("fr", "media.error.tooHeavy")).toContain("5 Mo");
    expect(translate("en", "media.error.tooManyPixels")).toContain("50 megapixels");
    expect(translate("fr", "media.error.tooManyPixels")).toContain("50 mégapixels");
    expect(translate("en", "media.hint", { megabytes: 5, width: 800 })).toContain("5 MB");
  });

  it("has an address of its id and hash, and no other name is one", () => {
    const hash = "a".repeat(64);
    expect(mediaPath({ id: 7, hash })).toBe(`/media/7-${hash}.webp`);
    expect(parseMediaFile(`7-${hash}.webp`)).toEqual({ id: 7, hash });
    for (const name of [`7-${hash}.html`, `07-${hash}.webp`, `7-${hash.slice(1)}.webp`, `7-${"A".repeat(64)}.webp`, "../etc/passwd", undefined]) {
      expect(parseMediaFile(name), String(name)).toBeUndefined();
    }
  });
});

describe.each(databaseKinds)("a stored image on %s", (kind) => {
  const database = useTestDatabase(kind, { demo: true });
  const db = () => database().db;

  it("is kept with its type, size, hash, edition and uploader, and served with immutable, nosniff and sandboxed headers", async () => {
    const { access } = await signedInOrganiser(db(), 2026);
    const file = new File([await blank(1000, 500).png().toBuffer()], "logo.png", { type: "image/png" });
    const stored = await db().transaction().execute((tx) => storeImage(tx, access, file));
    const row = await db().selectFrom("media").selectAll().where("id", "=", stored.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ edition_id: access.editionId, content_type: "image/webp", width: 800, height: 400, hash: stored.hash, uploaded_by_person_id: access.personId });
    expect(stored.path).toBe(`/media/${stored.id}-${stored.hash}.webp`);

    const answer = await mediaResponse(db(), stored.path.split("/")[2]);
    expect(answer.status).toBe(200);
    expect(Object.fromEntries(answer.headers)).toMatchObject({
      "content-type": "image/webp",
      "cache-control": "public, max-age=31536000, immutable",
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; sandbox",
    });
    const bytes = Buffer.from(await answer.arrayBuffer());
    expect(bytes.equals(row.bytes)).toBe(true);
    expect((await sharp(bytes).metadata()).format).toBe("webp");
  });

  it("is not served at an address with another hash, another id or another extension", async () => {
    const { access } = await signedInOrganiser(db(), 2026);
    const file = new File([await blank(20, 20).png().toBuffer()], "logo.png");
    const stored = await db().transaction().execute((tx) => storeImage(tx, access, file));
    for (const name of [`${stored.id}-${"0".repeat(64)}.webp`, `${stored.id + 1000}-${stored.hash}.webp`, `${stored.id}-${stored.hash}.html`]) {
      const answer = await mediaResponse(db(), name);
      expect(answer.status, name).toBe(404);
      expect(answer.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
    }
  });

  it("is refused to a role without the content right, and nothing is stored", async () => {
    const { access } = await signedInOrganiser(db(), 2026, undefined, "checkin");
    const file = new File([await blank(20, 20).png().toBuffer()], "logo.png");
    expect(await refusal(db().transaction().execute((tx) => storeImage(tx, access, file)))).toBe("not_staff");
    expect(await db().selectFrom("media").select("id").where("uploaded_by_person_id", "=", access.personId).execute()).toEqual([]);
  });
});
