import { data, Form, redirect, useSearchParams } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/back-office-partners";
import { verifyCsrf } from "~/features/accounts/auth.server";
import { CsrfField } from "~/features/accounts/csrf-field";
import { ImageField, isImageError } from "~/features/media/components/image-field";
import { chosenFile } from "~/features/media/image.server";
import { BackOfficeNav } from "~/features/organisers/components/back-office-nav";
import { requireBackOffice } from "~/features/organisers/organisers.server";
import { fieldId, LocalisedFields, type RefusedForm } from "~/features/partners/components/partner-fields";
import { honourOf, saveHonour } from "~/features/partners/honour.server";
import { parseHonour, parseRelay, parseSupporter, partnerLimits, supporterRoles, type PartnerFieldErrors } from "~/features/partners/partners";
import { createRelayAuthority, listRelayAuthorities, moveRelayAuthority, removeRelayAuthority, updateRelayAuthority } from "~/features/partners/relays.server";
import { createSupporter, listSupporters, moveSupporter, removeSupporter, updateSupporter, type Supporter } from "~/features/partners/supporters.server";
import { countriesByName } from "~/features/registration/form";
import type { MessageKey } from "~/i18n/translate";
import { actionError, ErrorNotice } from "~/lib/error-notice";
import { AppError, type ActionError } from "~/lib/errors";
import { ErrorSummary, FormPageTitle, MaxLengthHint, type FormProblem } from "~/lib/form-errors";
import { handleActionErrors, handleErrors, parseId, parseYear, routeLanguage } from "~/lib/http.server";
import { localisedString } from "~/lib/localised";
import { newSubmissionKey, onceOnly, submissionKey } from "~/lib/once.server";
import { SubmissionField } from "~/lib/once-field";
import { paths } from "~/lib/paths";
import { useLanguage, useTranslate } from "~/lib/use-language";

const personalHeaders = { "Cache-Control": "private, no-store" };
const doneSchema = z.enum(["created", "saved", "moved", "removed"]).optional().catch(undefined);
const doneMessages = { created: "partners.done.created", saved: "partners.done.saved", moved: "partners.done.moved", removed: "partners.done.removed" } as const;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  return handleErrors(async () => {
    const language = routeLanguage(request);
    const { access, person, edition } = await requireBackOffice(request, context, parseYear(params.year), "content");
    const [supporters, relays, honour] = await Promise.all([
      listSupporters(context.db, access.editionId),
      listRelayAuthorities(context.db, access.editionId),
      honourOf(context.db, access),
    ]);
    const done = doneSchema.parse(new URL(request.url).searchParams.get("done") ?? undefined);
    return data(
      {
        language,
        year: edition.year,
        csrfToken: person.csrfToken,
        permissions: [...access.permissions],
        supporters,
        relays,
        honour,
        done,
        supporterKey: newSubmissionKey(),
        relayKey: newSubmissionKey(),
      },
      { headers: personalHeaders },
    );
  });
}

/** The text fields of a form, to show again when it is refused (never the file). */
function textValues(form: FormData): Record<string, string> {
  return Object.fromEntries([...form].filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}

const directionSchema = z.enum(["up", "down"]);

export async function action(args: Route.ActionArgs) {
  const { request, params, context } = args;
  return handleActionErrors<never, RefusedForm>(async (keep) => {
    const language = routeLanguage(request);
    const { access, person, edition } = await requireBackOffice(request, context, parseYear(params.year), "content");
    const form = await request.formData();
    verifyCsrf(args, form, person);
    const now = context.now();
    const page = paths.backOffice(language, edition.year, "partners");
    const id = () => parseId(String(form.get("id") ?? ""));
    const direction = () => {
      const parsed = directionSchema.safeParse(form.get("direction"));
      if (!parsed.success) throw new AppError("unknown_intent", "no direction");
      return parsed.data;
    };
    /** The parsed fields, or the refusal of the form `formId` with its errors and values. */
    const valid = <T,>(formId: string, parsed: { values: T; errors?: undefined } | { values?: undefined; errors: PartnerFieldErrors }): T => {
      keep({ formId, fieldErrors: parsed.errors ?? {}, values: textValues(form) });
      if (parsed.errors) throw new AppError("invalid_form");
      return parsed.values;
    };
    const done = async (what: keyof typeof doneMessages, anchor: string): Promise<never> => {
      await context.contentChanged();
      throw redirect(`${page}?done=${what}#${anchor}`, { status: 303 });
    };
    switch (form.get("intent")) {
      case "create_supporter": {
        const fields = valid("new-supporter", parseSupporter(form));
        const logo = chosenFile(form.get("logo"));
        const { result } = await context.db
          .transaction()
          .execute((tx) => onceOnly(tx, { key: submissionKey(form), personId: access.personId, now }, () => createSupporter(tx, access, fields, logo, now)));
        return done("created", `supporter-${result.id}`);
      }
      case "update_supporter": {
        const supporterId = id();
        const fields = valid(`supporter-${supporterId}`, parseSupporter(form));
        await updateSupporter(context.db, access, supporterId, { fields, logo: chosenFile(form.get("logo")), removeLogo: form.get("remove_logo") === "yes" }, now);
        return done("saved", `supporter-${supporterId}`);
      }
      case "move_supporter": {
        const supporterId = id();
        await moveSupporter(context.db, access, supporterId, direction(), now);
        return done("moved", `supporter-${supporterId}`);
      }
      case "remove_supporter":
        await removeSupporter(context.db, access, id(), now);
        return done("removed", "supporters");
      case "save_honour":
        await saveHonour(context.db, access, valid("honour", parseHonour(form)), now);
        return done("saved", "honour");
      case "create_relay": {
        const fields = valid("new-relay", parseRelay(form));
        const { result } = await context.db
          .transaction()
          .execute((tx) => onceOnly(tx, { key: submissionKey(form), personId: access.personId, now }, () => createRelayAuthority(tx, access, fields, now)));
        return done("created", `relay-${result.id}`);
      }
      case "update_relay": {
        const relayId = id();
        await updateRelayAuthority(context.db, access, relayId, valid(`relay-${relayId}`, parseRelay(form)), now);
        return done("saved", `relay-${relayId}`);
      }
      case "move_relay": {
        const relayId = id();
        await moveRelayAuthority(context.db, access, relayId, direction(), now);
        return done("moved", `relay-${relayId}`);
      }
      case "remove_relay":
        await removeRelayAuthority(context.db, access, id(), now);
        return done("removed", "relays");
      default:
        throw new AppError("unknown_intent");
    }
  });
}

export const headers: Route.HeadersFunction = () => personalHeaders;

type Refusal = (Partial<RefusedForm> & { error: ActionError }) | undefined;

/** The problems of the refused form, for its summary: each field in error, or the image. */
function problemsOf(refusal: Refusal, t: (key: MessageKey, values?: Record<string, string>) => string): FormProblem[] {
  if (!refusal?.formId) return [];
  if (isImageError(refusal.error)) return [{ id: fieldId(refusal.formId, "logo"), label: t("partners.editor.logo"), message: t(refusal.error.message) }];
  return Object.entries(refusal.fieldErrors ?? {}).map(([field, message]) => ({ id: fieldId(refusal.formId as string, field), label: fieldLabel(field, t), message: t(message) }));
}

const fieldLabels: Record<string, MessageKey> = {
  name: "partners.editor.name",
  acronym: "partners.editor.acronym",
  note: "partners.editor.note",
  role: "partners.editor.role",
  website: "partners.editor.website",
  country: "partners.editor.country",
  honour_text: "partners.editor.honourText",
  relayed: "partners.editor.relayed",
};

/** The label of a field in error, as its form shows it ("Name, in English"). */
function fieldLabel(field: string, t: (key: MessageKey, values?: Record<string, string>) => string): string {
  const [, base = field, language] = /^(.*?)(?:_(fr|en))?$/.exec(field) ?? [];
  const label = t(fieldLabels[base] ?? "partners.editor.name");
  if (language === "fr") return t("partners.editor.inFrench", { label });
  if (language === "en") return t("partners.editor.inEnglish", { label });
  return label;
}

function refusedFor(refusal: Refusal, formId: string): RefusedForm | undefined {
  return refusal?.formId === formId ? { formId, fieldErrors: refusal.fieldErrors ?? {}, values: refusal.values ?? {} } : undefined;
}

function SupporterFields({ formId, supporter, refused, error }: { formId: string; supporter?: Supporter; refused?: RefusedForm; error?: ActionError }) {
  const t = useTranslate();
  const language = useLanguage();
  const role = refused ? refused.values.role : supporter?.role;
  const website = refused ? refused.values.website : (supporter?.website ?? "");
  const websiteId = fieldId(formId, "website");
  const websiteError = refused?.fieldErrors.website;
  return (
    <>
      <LocalisedFields formId={formId} name="name" label="partners.editor.name" max={partnerLimits.name} required initial={supporter?.name} refused={refused} />
      <LocalisedFields formId={formId} name="acronym" label="partners.editor.acronym" max={partnerLimits.acronym} initial={supporter?.acronym} refused={refused} />
      <div className="field">
        <label htmlFor={fieldId(formId, "role")}>{t("partners.editor.role")}</label>
        <select id={fieldId(formId, "role")} name="role" defaultValue={role ?? "partner"}>
          {supporterRoles.map((candidate) => (
            <option key={candidate} value={candidate}>
              {t(`supporterRole.${candidate}`)}
            </option>
          ))}
        </select>
      </div>
      <LocalisedFields formId={formId} name="note" label="partners.editor.note" max={partnerLimits.note} multiline initial={supporter?.note} refused={refused} />
      <div className={websiteError ? "field field--error" : "field"}>
        <label htmlFor={websiteId}>{t("partners.editor.website")}</label>
        <p className="hint" id={`${websiteId}-hint`}>
          {t("partners.editor.websiteHint")}
        </p>
        <MaxLengthHint id={websiteId} max={partnerLimits.website} />
        {websiteError && (
          <p className="field-error" id={`${websiteId}-error`}>
            {t(websiteError)}
          </p>
        )}
        <input
          id={websiteId}
          name="website"
          type="url"
          defaultValue={website}
          maxLength={partnerLimits.website}
          aria-invalid={websiteError ? true : undefined}
          aria-describedby={`${websiteId}-hint ${websiteId}-limit` + (websiteError ? ` ${websiteId}-error` : "")}
        />
      </div>
      <ImageField
        id={fieldId(formId, "logo")}
        name="logo"
        label={t("partners.editor.logo")}
        error={error && (refused || !supporter) ? error : undefined}
        current={supporter?.logo ? { src: supporter.logo, alt: t("partners.logoAlt", { name: localisedString(supporter.name, language) }) } : undefined}
        removable="remove_logo"
      />
    </>
  );
}

function MoveButtons({ intent, id, name, csrfToken }: { intent: string; id: number; name: string; csrfToken: string }) {
  const t = useTranslate();
  return (
    <Form method="post" className="inline-form">
      <CsrfField token={csrfToken} />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="id" value={id} />
      <button type="submit" name="direction" value="up" className="button button--secondary">
        {t("partners.editor.up")}
        <span className="visually-hidden"> – {name}</span>
      </button>{" "}
      <button type="submit" name="direction" value="down" className="button button--secondary">
        {t("partners.editor.down")}
        <span className="visually-hidden"> – {name}</span>
      </button>
    </Form>
  );
}

function RemoveButton({ intent, id, name, csrfToken }: { intent: string; id: number; name: string; csrfToken: string }) {
  const t = useTranslate();
  return (
    <Form method="post" className="inline-form">
      <CsrfField token={csrfToken} />
      <input type="hidden" name="id" value={id} />
      <button type="submit" name="intent" value={intent} className="button button--secondary">
        {t("partners.editor.remove")}
        <span className="visually-hidden"> – {name}</span>
      </button>
    </Form>
  );
}

export default function BackOfficePartners({ loaderData, actionData }: Route.ComponentProps) {
  const { year, csrfToken, permissions, supporters, relays, honour, done, supporterKey, relayKey } = loaderData;
  const language = useLanguage();
  const t = useTranslate();
  const error = actionError(actionData);
  const refusal = (error ? actionData : undefined) as Refusal;
  const problems = problemsOf(refusal, t);
  const honourRefused = refusedFor(refusal, "honour");
  const newSupporter = refusedFor(refusal, "new-supporter");
  const newRelay = refusedFor(refusal, "new-relay");
  const title = t("partners.editor.title", { year });
  // The supporter whose form the list of missing translations leads to, unfolded.
  const opened = useSearchParams()[0].get("open");
  return (
    <>
      <FormPageTitle title={title} refused={error !== undefined} />
      <BackOfficeNav year={year} permissions={permissions} current="partners" />
      <h1>{title}</h1>
      {problems.length > 0 ? <ErrorSummary problems={problems} /> : <ErrorNotice error={error} />}
      {done && !error && (
        <p className="notice notice--open" role="status">
          {t(doneMessages[done])}
        </p>
      )}

      <section aria-labelledby="supporters">
        <h2 id="supporters">{t("partners.editor.supporters")}</h2>
        {supporters.length === 0 && <p>{t("partners.editor.noSupporters")}</p>}
        <ol className="cards">
          {supporters.map((supporter) => {
            const formId = `supporter-${supporter.id}`;
            const refused = refusedFor(refusal, formId);
            const name = localisedString(supporter.name, language);
            return (
              <li key={supporter.id} className="card" id={formId}>
                <h3>
                  {name}
                  {supporter.acronym && ` (${localisedString(supporter.acronym, language)})`}
                </h3>
                <p>{t(`supporterRole.${supporter.role}`)}</p>
                {supporter.logo ? (
                  <img src={supporter.logo} alt={t("partners.logoAlt", { name })} className="supporter-logo" />
                ) : (
                  <p className="meta">{t("partners.editor.noLogo")}</p>
                )}
                <MoveButtons intent="move_supporter" id={supporter.id} name={name} csrfToken={csrfToken} />
                <RemoveButton intent="remove_supporter" id={supporter.id} name={name} csrfToken={csrfToken} />
                <details open={refused !== undefined || opened === formId}>
                  <summary>{t("partners.editor.edit", { name })}</summary>
                  <Form method="post" encType="multipart/form-data" className="registration-form">
                    <CsrfField token={csrfToken} />
                    <input type="hidden" name="id" value={supporter.id} />
                    <SupporterFields formId={formId} supporter={supporter} refused={refused} error={refused ? error : undefined} />
                    <button type="submit" name="intent" value="update_supporter" className="button">
                      {t("partners.editor.save")}
                      <span className="visually-hidden"> – {name}</span>
                    </button>
                  </Form>
                </details>
              </li>
            );
          })}
        </ol>
        <h3 id="new-supporter">{t("partners.editor.add")}</h3>
        <Form method="post" encType="multipart/form-data" className="registration-form" aria-labelledby="new-supporter">
          <CsrfField token={csrfToken} />
          <SubmissionField value={supporterKey} />
          <SupporterFields formId="new-supporter" refused={newSupporter} error={newSupporter ? error : undefined} />
          <button type="submit" name="intent" value="create_supporter" className="button">
            {t("partners.editor.addSubmit")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="honour">
        <h2 id="honour">{t("partners.editor.honour")}</h2>
        <Form method="post" className="registration-form">
          <CsrfField token={csrfToken} />
          <div className={honourRefused?.fieldErrors.country ? "field field--error" : "field"}>
            <label htmlFor={fieldId("honour", "country")}>{t("partners.editor.country")}</label>
            {honourRefused?.fieldErrors.country && (
              <p className="field-error" id={`${fieldId("honour", "country")}-error`}>
                {t(honourRefused.fieldErrors.country)}
              </p>
            )}
            <select id={fieldId("honour", "country")} name="country" defaultValue={honourRefused ? honourRefused.values.country : (honour.countryCode ?? "")}>
              <option value="">{t("partners.editor.noCountry")}</option>
              {countriesByName(language).map((country) => (
                <option key={country.code} value={country.code}>
                  {country.name}
                </option>
              ))}
            </select>
          </div>
          <LocalisedFields formId="honour" name="honour_text" label="partners.editor.honourText" max={partnerLimits.honourText} multiline initial={honour.text} refused={honourRefused} />
          <button type="submit" name="intent" value="save_honour" className="button">
            {t("partners.editor.saveHonour")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="relays">
        <h2 id="relays">{t("partners.editor.relays")}</h2>
        <p>{t("partners.editor.relaysHelp")}</p>
        {relays.length === 0 && <p>{t("partners.editor.noRelays")}</p>}
        <ol className="cards">
          {relays.map((relay) => {
            const formId = `relay-${relay.id}`;
            const refused = refusedFor(refusal, formId);
            const name = relay.name[language];
            return (
              <li key={relay.id} className="card" id={formId}>
                <h3>{name}</h3>
                <p>{relay.relayed[language]}</p>
                <MoveButtons intent="move_relay" id={relay.id} name={name} csrfToken={csrfToken} />
                <RemoveButton intent="remove_relay" id={relay.id} name={name} csrfToken={csrfToken} />
                <details open={refused !== undefined || opened === formId}>
                  <summary>{t("partners.editor.edit", { name })}</summary>
                  <Form method="post" className="registration-form">
                    <CsrfField token={csrfToken} />
                    <input type="hidden" name="id" value={relay.id} />
                    <LocalisedFields formId={formId} name="name" label="partners.editor.relayName" max={partnerLimits.relayName} required initial={relay.name} refused={refused} />
                    <LocalisedFields formId={formId} name="relayed" label="partners.editor.relayed" max={partnerLimits.relayed} multiline required initial={relay.relayed} refused={refused} />
                    <button type="submit" name="intent" value="update_relay" className="button">
                      {t("partners.editor.save")}
                      <span className="visually-hidden"> – {name}</span>
                    </button>
                  </Form>
                </details>
              </li>
            );
          })}
        </ol>
        <h3 id="new-relay">{t("partners.editor.addRelay")}</h3>
        <Form method="post" className="registration-form" aria-labelledby="new-relay">
          <CsrfField token={csrfToken} />
          <SubmissionField value={relayKey} />
          <LocalisedFields formId="new-relay" name="name" label="partners.editor.relayName" max={partnerLimits.relayName} required refused={newRelay} />
          <LocalisedFields formId="new-relay" name="relayed" label="partners.editor.relayed" max={partnerLimits.relayed} multiline required refused={newRelay} />
          <button type="submit" name="intent" value="create_relay" className="button">
            {t("partners.editor.addRelaySubmit")}
          </button>
        </Form>
      </section>
    </>
  );
}
