import { createHash } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import sharp from "sharp";
import type { DB } from "~/db/schema";
import { requirePermission, type BackOfficeAccess } from "~/features/organisers/organisers.server";
import { AppError } from "~/lib/errors";
import { maxImageBytes, maxImagePixels, mediaPath, storedImageWidth } from "./media";

// libvips keeps decoded images in a cache for repeated operations; uploads are processed once.
sharp.cache(false);

/** The formats accepted, as sharp names them after reading the file's own header. */
const acceptedFormats = new Set(["png", "jpeg", "webp"]);

/** What sharp's failure to read a file means for the person who sent it. */
function refusalOf(error: unknown): AppError {
  const message = error instanceof Error ? error.message : String(error);
  // sharp checks limitInputPixels against the header, before decoding anything.
  if (/pixel limit/i.test(message)) return new AppError("image_too_many_pixels", message);
  return new AppError("image_not_supported", message);
}

export interface ProcessedImage {
  bytes: Buffer;
  width: number;
  height: number;
  hash: string;
}

/**
 * Checks an uploaded file by its content, then reduces and re-encodes it as WebP (transparency
 * kept, metadata dropped). The name and the type the browser sent are ignored: a renamed HTML or
 * SVG file is refused. The header is read before anything is decoded, so that an image declaring
 * billions of pixels is refused without the memory to decode it; `limitInputPixels` holds the
 * same line in the decoder should a header lie.
 */
export async function processImage(input: Uint8Array): Promise<ProcessedImage> {
  if (input.byteLength > maxImageBytes) throw new AppError("image_too_heavy", `${input.byteLength} bytes`);
  if (input.byteLength === 0) throw new AppError("image_missing");
  const options = { limitInputPixels: maxImagePixels, failOn: "error", pages: 1 } as const;
  const metadata = await sharp(input, options)
    .metadata()
    .catch((error: unknown) => {
      throw refusalOf(error);
    });
  if (!metadata.format || !acceptedFormats.has(metadata.format)) throw new AppError("image_not_supported", `format ${metadata.format}`);
  const width = metadata.width ?? 0;
  const height = metadata.height ?? 0;
  if (width <= 0 || height <= 0) throw new AppError("image_not_supported", "no dimensions");
  if (width * height > maxImagePixels) throw new AppError("image_too_many_pixels", `${width} × ${height}`);
  const output = await sharp(input, options)
    .rotate()
    .resize({ width: storedImageWidth, withoutEnlargement: true })
    .webp({ quality: 82, alphaQuality: 100 })
    .toBuffer({ resolveWithObject: true })
    .catch((error: unknown) => {
      throw refusalOf(error);
    });
  return {
    bytes: output.data,
    width: output.info.width,
    height: output.info.height,
    hash: createHash("sha256").update(output.data).digest("hex"),
  };
}

export interface StoredImage {
  id: number;
  hash: string;
  width: number;
  height: number;
  /** Where the image is served. */
  path: string;
}

/** Whether a form's file field holds a file (a form sent with the field left empty holds an empty one). */
export function chosenFile(value: FormDataEntryValue | null): File | undefined {
  return value instanceof File && (value.size > 0 || value.name !== "") ? value : undefined;
}

/**
 * Stores an uploaded image for the edition of `access`, for an editor to attach (a logo, a
 * photo). Call it inside the transaction of the change that uses it: a refused change leaves no
 * image behind.
 */
export async function storeImage(tx: Transaction<DB> | Kysely<DB>, access: BackOfficeAccess, file: File, now?: Date): Promise<StoredImage> {
  requirePermission(access, "content");
  // The size is known before the file is read: an oversized one is refused unread.
  if (file.size > maxImageBytes) throw new AppError("image_too_heavy", `${file.size} bytes`);
  const image = await processImage(new Uint8Array(await file.arrayBuffer()));
  const { id } = await tx
    .insertInto("media")
    .values({
      edition_id: access.editionId,
      content_type: "image/webp",
      bytes: image.bytes,
      width: image.width,
      height: image.height,
      hash: image.hash,
      uploaded_by_person_id: access.personId,
      ...(now ? { created_at: now } : {}),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id, hash: image.hash, width: image.width, height: image.height, path: mediaPath({ id, hash: image.hash }) };
}

/** A stored image, by the id and hash of its address (any edition: the address is public). */
export async function findMedia(db: Kysely<DB>, file: { id: number; hash: string }) {
  return db.selectFrom("media").select(["content_type", "bytes"]).where("id", "=", file.id).where("hash", "=", file.hash).executeTakeFirst();
}
