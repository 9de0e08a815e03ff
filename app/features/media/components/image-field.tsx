import type { ActionError } from "~/lib/errors";
import { controlProps, FieldError, fieldClass } from "~/lib/form-errors";
import { useTranslate } from "~/lib/use-language";
import { acceptedImageTypes, maxImageBytes, storedImageWidth } from "../media";

/** Whether a refusal is about an uploaded image (shown beside the image field). */
export function isImageError(error: ActionError | undefined): boolean {
  return error !== undefined && error.code.startsWith("image_");
}

/**
 * A file field for an image (a logo, a photo), its limits said before it; the form around it
 * must be `encType="multipart/form-data"`, and its action passes the file to `storeImage`. With
 * `current`, the image already stored is shown, with a box to remove it when `removable` names
 * the field that says so.
 */
export function ImageField({
  id,
  name,
  label,
  error,
  current,
  removable,
  required = false,
}: {
  id: string;
  name: string;
  label: string;
  error?: ActionError;
  current?: { src: string; alt: string };
  removable?: string;
  required?: boolean;
}) {
  const t = useTranslate();
  const message = isImageError(error) && error ? t(error.message) : undefined;
  const hintId = `${id}-hint`;
  return (
    <div className={fieldClass(message)}>
      <label htmlFor={id}>{label}</label>
      <p className="hint" id={hintId}>
        {t("media.hint", { megabytes: maxImageBytes / (1024 * 1024), width: storedImageWidth })}
      </p>
      <FieldError id={id} message={message} />
      {current && (
        <p className="image-field__current">
          {t("media.current")} <img src={current.src} alt={current.alt} className="image-field__preview" />
        </p>
      )}
      <input id={id} name={name} type="file" accept={acceptedImageTypes.join(",")} required={required} {...controlProps(id, message, hintId)} />
      {current && removable && (
        <p>
          <label>
            <input type="checkbox" name={removable} value="yes" /> {t("media.remove")}
          </label>
        </p>
      )}
    </div>
  );
}
