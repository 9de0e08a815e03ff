import { useTranslate } from "~/lib/use-language";

/** Said at the top of every public page shown to an organiser as a preview of a draft. */
export function PreviewBanner({ preview }: { preview: boolean }) {
  const t = useTranslate();
  if (!preview) return null;
  return (
    <p className="notice preview-banner" role="status">
      <strong>{t("editions.banner.preview")}</strong>
    </p>
  );
}

/** A link of a previewed page to another page of the same edition, still previewed. */
export function previewed(path: string, preview: boolean): string {
  if (!preview) return path;
  const [base, hash] = path.split("#");
  return `${base}${base?.includes("?") ? "&" : "?"}preview=1${hash ? `#${hash}` : ""}`;
}
