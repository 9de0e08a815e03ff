// What the pages say about images before anyone uploads one, and where a stored image is served.

/** Largest file accepted, said beside the field. */
export const maxImageBytes = 5 * 1024 * 1024;
/** Most pixels an upload may declare (a 48-megapixel phone photo passes; 50,000 × 50,000 does not). */
export const maxImagePixels = 50_000_000;
/** Width an image is reduced to, at most: logos and photos are shown far smaller. */
export const storedImageWidth = 800;
/** The types a file may be, judged by its content. */
export const acceptedImageTypes = ["image/png", "image/jpeg", "image/webp"] as const;

/** The address of a stored image: its hash in the path, so that it can be cached for good. */
export function mediaPath(media: { id: number; hash: string }): string {
  return `/media/${media.id}-${media.hash}.webp`;
}

/** The id and hash of a media address's file name, or undefined. */
export function parseMediaFile(file: string | undefined): { id: number; hash: string } | undefined {
  const match = /^([1-9]\d{0,8})-([0-9a-f]{64})\.webp$/.exec(file ?? "");
  return match ? { id: Number(match[1]), hash: match[2] as string } : undefined;
}
