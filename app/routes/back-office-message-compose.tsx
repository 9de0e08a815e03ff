import { data, Form, Link, redirect } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/back-office-message-compose";
import { verifyCsrf } from "~/features/accounts/auth.server";
import { CsrfField } from "~/features/accounts/csrf-field";
import { getMessage, saveMessage, unknownPlaceholdersOf, type MessageContent } from "~/features/messages/messages.server";
import { bodyMaxLength, placeholders, reminderAnchors, subjectMaxLength, subjectPlaceholders } from "~/features/messages/template";
import { BackOfficeNav } from "~/features/organisers/components/back-office-nav";
import { requireBackOffice } from "~/features/organisers/organisers.server";
import { emptyFilter, filterSearchParams, isEmptyFilter, parseFilter, type RegistrationFilter } from "~/features/segments/filter";
import { savedSegments } from "~/features/segments/segments.server";
import { languages } from "~/i18n/languages";
import { actionError, ErrorNotice } from "~/lib/error-notice";
import { AppError } from "~/lib/errors";
import { FormPageTitle } from "~/lib/form-errors";
import { handleActionErrors, handleErrors, parseId, parseYear, routeLanguage } from "~/lib/http.server";
import { paths } from "~/lib/paths";
import { useLanguage, useTranslate } from "~/lib/use-language";
import type { RouteHandle } from "~/root";

const personalHeaders = { "Cache-Control": "private, no-store" };

/** Everyone confirmed: whom a message goes to unless the organiser chooses otherwise. */
const confirmedFilter: RegistrationFilter = { ...emptyFilter, include: { status: ["confirmed"] } };

interface ComposeValues {
  subject_fr: string;
  subject_en: string;
  body_fr: string;
  body_en: string;
  audience: "view" | "segment" | "confirmed";
  segment: string;
  view: string;
  anchor: "start" | "end";
  offset_days: string;
  time: string;
  enabled: boolean;
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  return handleErrors(async () => {
    const language = routeLanguage(request);
    const { access, person, edition } = await requireBackOffice(request, context, parseYear(params.year), "registrations");
    const search = new URL(request.url).searchParams;
    const segments = await savedSegments(context.db, access);
    let kind: "message" | "reminder" = search.get("kind") === "reminder" ? "reminder" : "message";
    let values: ComposeValues;
    let messageId: number | null = null;
    if (params.messageId !== undefined) {
      messageId = parseId(params.messageId);
      const message = await getMessage(context.db, access, messageId);
      kind = message.kind;
      values = {
        subject_fr: message.subject.fr,
        subject_en: message.subject.en,
        body_fr: message.body.fr,
        body_en: message.body.en,
        audience: "view",
        segment: "",
        view: filterSearchParams(message.filter).toString(),
        anchor: message.reminder?.anchor ?? "start",
        offset_days: String(message.reminder?.offsetDays ?? -7),
        time: message.reminder?.time ?? "09:00",
        enabled: message.reminder?.enabled ?? true,
      };
    } else {
      // Opened from the registrations table, the composer carries its filter along.
      const filter = parseFilter(search);
      values = {
        subject_fr: "",
        subject_en: "",
        body_fr: "",
        body_en: "",
        audience: isEmptyFilter(filter) ? "confirmed" : "view",
        segment: "",
        view: isEmptyFilter(filter) ? "" : filterSearchParams(filter).toString(),
        anchor: "start",
        offset_days: "-7",
        time: "09:00",
        enabled: true,
      };
    }
    return data(
      { language, year: edition.year, permissions: [...access.permissions], csrfToken: person.csrfToken, kind, messageId, values, segments: segments.map(({ id, name }) => ({ id, name })) },
      { headers: personalHeaders },
    );
  });
}

const text = (max: number) => z.string().max(max * 2).default("");
const composeSchema = z.object({
  subject_fr: text(subjectMaxLength),
  subject_en: text(subjectMaxLength),
  body_fr: text(bodyMaxLength),
  body_en: text(bodyMaxLength),
  audience: z.enum(["view", "segment", "confirmed"]).default("confirmed"),
  segment: z.string().max(12).default(""),
  view: z.string().max(20_000).default(""),
  kind: z.enum(["message", "reminder"]).default("message"),
  anchor: z.enum(reminderAnchors).default("start"),
  offset_days: z.string().max(6).default("0"),
  time: z.string().max(5).default(""),
  enabled: z.string().optional(),
});

export async function action(args: Route.ActionArgs) {
  const { request, params, context } = args;
  return handleActionErrors<never, { values: ComposeValues; unknown: string[] }>(async (keep) => {
    const language = routeLanguage(request);
    const { access, person, edition } = await requireBackOffice(request, context, parseYear(params.year), "registrations");
    const form = await request.formData();
    verifyCsrf(args, form, person);
    const parsed = composeSchema.safeParse(Object.fromEntries([...form].filter((entry): entry is [string, string] => typeof entry[1] === "string")));
    if (!parsed.success) throw new AppError("message_body_invalid");
    const input = parsed.data;
    const values: ComposeValues = { ...input, enabled: input.enabled === "yes" };
    const content: MessageContent = {
      subject: { fr: input.subject_fr, en: input.subject_en },
      body: { fr: input.body_fr, en: input.body_en },
      filter:
        input.audience === "view"
          ? parseFilter(new URLSearchParams(input.view))
          : input.audience === "segment" && /^[1-9][0-9]{0,8}$/.test(input.segment)
            ? { ...emptyFilter, include: { segment: [input.segment] } }
            : confirmedFilter,
    };
    if (input.audience === "segment" && !/^[1-9][0-9]{0,8}$/.test(input.segment)) {
      keep({ values, unknown: [] });
      throw new AppError("segment_not_found");
    }
    if (input.kind === "reminder") {
      const offset = Number(input.offset_days);
      content.reminder = { anchor: input.anchor, offsetDays: Number.isInteger(offset) ? offset : Number.NaN, time: input.time, enabled: values.enabled };
    }
    keep({ values, unknown: unknownPlaceholdersOf(content) });
    const messageId = await saveMessage(context.db, access, { messageId: params.messageId === undefined ? undefined : parseId(params.messageId), content, now: context.now() });
    throw redirect(`${paths.backOfficeMessage(language, edition.year, messageId)}?done=saved`, 303);
  });
}

export const headers: Route.HeadersFunction = () => personalHeaders;

export const handle: RouteHandle = { form: true };

export default function BackOfficeMessageCompose({ loaderData, actionData }: Route.ComponentProps) {
  const { year, permissions, csrfToken, kind, messageId, segments } = loaderData;
  const language = useLanguage();
  const t = useTranslate();
  const error = actionError(actionData);
  const values = actionData && "values" in actionData && actionData.values ? actionData.values : loaderData.values;
  const unknown = actionData && "unknown" in actionData && actionData.unknown ? actionData.unknown : [];
  const title = t(messageId === null ? (kind === "reminder" ? "messages.compose.newReminder" : "messages.compose.new") : "messages.compose.edit", { year });
  const viewParams = new URLSearchParams(values.view);
  return (
    <>
      <FormPageTitle title={title} refused={error !== undefined} />
      <BackOfficeNav year={year} permissions={permissions} current="messages" />
      <p>
        <Link to={messageId === null ? paths.backOffice(language, year, "messages") : paths.backOfficeMessage(language, year, messageId)}>{t("messages.back")}</Link>
      </p>
      <h1>{title}</h1>
      <ErrorNotice error={error} />
      {unknown.length > 0 && (
        <p className="notice notice--closed" role="alert">
          {t("messages.compose.unknown", { names: unknown.map((name) => `{${name}}`).join(", ") })}
        </p>
      )}
      <Form method="post" className="registration-form">
        <CsrfField token={csrfToken} />
        <input type="hidden" name="kind" value={kind} />
        <input type="hidden" name="view" value={values.view} />
        <section aria-labelledby="placeholders" className="card">
          <h2 id="placeholders">{t("messages.compose.placeholders")}</h2>
          <p className="hint">{t("messages.compose.placeholdersHint")}</p>
          <ul>
            {placeholders.map((name) => (
              <li key={name}>
                <code>{`{${name}}`}</code> — {t(`messages.placeholder.${name}`)}
                {!(subjectPlaceholders as readonly string[]).includes(name) && <> {t("messages.placeholder.bodyOnly")}</>}
              </li>
            ))}
          </ul>
          <p className="hint">{t("messages.compose.markdown")}</p>
        </section>
        {languages.map((written) => (
          <fieldset key={written} lang={written}>
            <legend>{t(`messages.compose.in.${written}`)}</legend>
            <div className="field">
              <label htmlFor={`subject_${written}`}>{t("messages.compose.subject")}</label>
              <input id={`subject_${written}`} name={`subject_${written}`} type="text" required maxLength={subjectMaxLength} defaultValue={values[`subject_${written}`]} />
            </div>
            <div className="field">
              <label htmlFor={`body_${written}`}>{t("messages.compose.body")}</label>
              <textarea id={`body_${written}`} name={`body_${written}`} rows={12} required maxLength={bodyMaxLength} defaultValue={values[`body_${written}`]} />
            </div>
          </fieldset>
        ))}
        <fieldset>
          <legend>{t("messages.compose.audience")}</legend>
          {values.view !== "" && (
            <div className="field">
              <label>
                <input type="radio" name="audience" value="view" defaultChecked={values.audience === "view"} /> {t(messageId === null ? "messages.compose.audience.view" : "messages.compose.audience.current")}
              </label>{" "}
              <Link to={paths.backOffice(language, year, "registrations") + `?${viewParams}`}>{t("messages.compose.audience.seeView")}</Link>
            </div>
          )}
          <div className="field">
            <label>
              <input type="radio" name="audience" value="confirmed" defaultChecked={values.audience === "confirmed"} /> {t("messages.compose.audience.confirmed")}
            </label>
          </div>
          {segments.length > 0 && (
            <div className="field">
              <label>
                <input type="radio" name="audience" value="segment" defaultChecked={values.audience === "segment"} /> {t("messages.compose.audience.segment")}
              </label>
              <label htmlFor="segment" className="visually-hidden">
                {t("messages.compose.segment")}
              </label>{" "}
              <select id="segment" name="segment" defaultValue={values.segment}>
                {segments.map((segment) => (
                  <option key={segment.id} value={segment.id}>
                    {segment.name}
                  </option>
                ))}
              </select>
            </div>
          )}
        </fieldset>
        {kind === "reminder" && (
          <fieldset>
            <legend>{t("messages.compose.when")}</legend>
            <div className="field">
              <label htmlFor="offset_days">{t("messages.compose.offset")}</label>
              <p className="hint" id="offset-hint">
                {t("messages.compose.offsetHint")}
              </p>
              <input id="offset_days" name="offset_days" type="number" min={-365} max={365} step={1} required defaultValue={values.offset_days} aria-describedby="offset-hint" />
            </div>
            <div className="field">
              <label htmlFor="anchor">{t("messages.compose.anchor")}</label>
              <select id="anchor" name="anchor" defaultValue={values.anchor}>
                {reminderAnchors.map((anchor) => (
                  <option key={anchor} value={anchor}>
                    {t(`messages.anchor.${anchor}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="time">{t("messages.compose.time")}</label>
              <input id="time" name="time" type="time" required defaultValue={values.time} />
            </div>
            <div className="field">
              <label>
                <input type="checkbox" name="enabled" value="yes" defaultChecked={values.enabled} /> {t("messages.compose.enabled")}
              </label>
            </div>
          </fieldset>
        )}
        <button type="submit" className="button">
          {t("messages.compose.save")}
        </button>
      </Form>
    </>
  );
}
