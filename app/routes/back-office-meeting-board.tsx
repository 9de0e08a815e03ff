import { data, Link, redirect } from "react-router";
import type { Route } from "./+types/back-office-meeting-board";
import { verifyCsrf } from "~/features/accounts/auth.server";
import { CsrfField } from "~/features/accounts/csrf-field";
import { instantAt } from "~/features/calendar/zoned-time";
import {
  addMeetingTables,
  deleteMeetingTable,
  listMeetingTables,
  moveMeeting,
  placeRequest,
  publishBoard,
  readBoard,
  removeMeeting,
  saveMeetingSettings,
  scheduleBoard,
  setMeetingLocked,
  swapMeetings,
  updateMeetingTable,
} from "~/features/meetings/board.server";
import { boardTablePageSize, tableLimits, unplacedShown } from "~/features/meetings/limits";
import { BackOfficeNav } from "~/features/organisers/components/back-office-nav";
import { requireBackOffice } from "~/features/organisers/organisers.server";
import { localInput } from "~/features/settings/registration-settings.server";
import { doneNotice, personalHeaders } from "~/features/settings/route-parts.server";
import { translate } from "~/i18n/translate";
import { actionError, ErrorNotice } from "~/lib/error-notice";
import { AppError } from "~/lib/errors";
import { formatDateTime, formatTime } from "~/lib/format";
import { FormPageTitle } from "~/lib/form-errors";
import { handleActionErrors, handleErrors, parseId, parseYear, routeLanguage } from "~/lib/http.server";
import { localisedString } from "~/lib/localised";
import { useLanguage, useTranslate } from "~/lib/use-language";
import type { RouteHandle } from "~/root";

const notices = ["scheduled", "published", "changed", "settings", "tables"] as const;

/** A positive whole number from the address, or undefined. */
const searchNumber = (search: URLSearchParams, name: string) => {
  const value = Number(search.get(name));
  return Number.isInteger(value) && value > 0 && value < 2 ** 31 ? value : undefined;
};

export async function loader({ request, params, context }: Route.LoaderArgs) {
  return handleErrors(async () => {
    const language = routeLanguage(request);
    const { access, person, edition } = await requireBackOffice(request, context, parseYear(params.year), "meetings");
    const search = new URL(request.url).searchParams;
    const [board, tables] = await Promise.all([
      readBoard(context.db, access, { block: searchNumber(search, "block"), tablePage: searchNumber(search, "tables"), meetingId: searchNumber(search, "meeting") }),
      listMeetingTables(context.db, access),
    ]);
    return data(
      {
        language,
        year: edition.year,
        timeZone: edition.time_zone,
        csrfToken: person.csrfToken,
        permissions: [...access.permissions],
        board,
        requestsCloseInput: board.requestsCloseAt ? localInput(board.requestsCloseAt, edition.time_zone) : "",
        tables,
        done: doneNotice(request, notices),
        // What the notice of the last action counts, carried in the address.
        counts: { placed: search.get("placed") ?? "", accepted: search.get("accepted") ?? "", count: search.get("count") ?? "" },
      },
      { headers: personalHeaders },
    );
  });
}

export async function action(args: Route.ActionArgs) {
  const { request, params, context } = args;
  return handleActionErrors(async () => {
    const { access, person, edition } = await requireBackOffice(request, context, parseYear(params.year), "meetings");
    const form = await request.formData();
    verifyCsrf(args, form, person);
    const now = context.now();
    const id = (name: string) => parseId(String(form.get(name) ?? ""));
    const whole = (name: string) => Number(String(form.get(name) ?? "").trim());
    // Back to the same view of the board (block, page of tables), with the notice.
    const back = (done: (typeof notices)[number], extra: Record<string, string | number> = {}) => {
      const url = new URL(request.url);
      const query = new URLSearchParams();
      for (const name of ["block", "tables"]) if (url.searchParams.get(name)) query.set(name, url.searchParams.get(name)!);
      query.set("done", done);
      for (const [name, value] of Object.entries(extra)) query.set(name, String(value));
      return redirect(`${url.pathname}?${query}`, 303);
    };
    switch (form.get("intent")) {
      case "schedule": {
        const run = await scheduleBoard(context.db, access, { now });
        return back("scheduled", { placed: run.placed, accepted: run.accepted });
      }
      case "publish":
        return back("published", { count: await publishBoard(context.db, access, { now, publicUrl: context.env.PUBLIC_URL }) });
      case "place":
        await placeRequest(context.db, access, { requestId: id("request"), slotId: id("slot"), tableId: id("table"), now });
        return back("changed");
      case "move":
        await moveMeeting(context.db, access, { meetingId: id("meeting"), slotId: id("slot"), tableId: id("table"), now });
        return back("changed");
      case "swap":
        await swapMeetings(context.db, access, { meetingId: id("meeting"), otherMeetingId: id("other"), now });
        return back("changed");
      case "lock":
      case "unlock":
        await setMeetingLocked(context.db, access, { meetingId: id("meeting"), locked: form.get("intent") === "lock", now });
        return back("changed");
      case "remove":
        await removeMeeting(context.db, access, { meetingId: id("meeting"), now });
        return back("changed");
      case "settings": {
        const closes = String(form.get("requests_close_at") ?? "").trim();
        let requestsCloseAt: Date | null = null;
        try {
          requestsCloseAt = closes ? instantAt(closes, edition.time_zone) : null;
        } catch {
          throw new AppError("meeting_settings_invalid");
        }
        await saveMeetingSettings(context.db, access, { slotMinutes: whole("slot_minutes"), requestsCloseAt, now });
        return back("settings");
      }
      case "add-tables":
        await addMeetingTables(context.db, access, { count: whole("count"), seats: whole("seats"), label: String(form.get("label") ?? ""), now });
        return back("tables");
      case "update-table":
        await updateMeetingTable(context.db, access, { tableId: id("table"), label: String(form.get("label") ?? ""), seats: whole("seats"), now });
        return back("tables");
      case "delete-table":
        await deleteMeetingTable(context.db, access, { tableId: id("table"), now });
        return back("tables");
      default:
        throw new AppError("unknown_intent");
    }
  });
}

export const headers: Route.HeadersFunction = () => personalHeaders;

export const handle: RouteHandle = { form: true };

export const meta: Route.MetaFunction = ({ data: page }) => (page ? [{ title: translate(page.language, "meetings.board.title", { year: page.year }) }] : []);

export default function BackOfficeMeetingBoard({ loaderData, actionData }: Route.ComponentProps) {
  const { year, timeZone, csrfToken, permissions, board, requestsCloseInput, tables: allTables, done, counts } = loaderData;
  const language = useLanguage();
  const t = useTranslate();
  const error = actionError(actionData);
  const title = t("meetings.board.title", { year });
  const time = (value: string | Date) => formatTime(new Date(value), language, timeZone);
  const slots = board.blocks.flatMap((block) => block.slots.map((slot) => ({ ...slot, block })));
  const slotLabel = (slot: (typeof slots)[number]) => `${formatDateTime(new Date(slot.startsAt), language, timeZone)}–${time(slot.endsAt)}`;
  const block = board.blocks.find((item) => item.sessionId === board.block);
  const blockSlots = block?.slots ?? [];
  const at = new Map(board.meetings.map((meeting) => [`${meeting.slotId}:${meeting.tableId}`, meeting]));
  const names = (people: { name: string }[]) => people.map((person) => person.name).join(", ");
  const view = (extra: Record<string, string | number | undefined>) => {
    const query = new URLSearchParams();
    if (board.block) query.set("block", String(board.block));
    if (board.tablePage > 1) query.set("tables", String(board.tablePage));
    for (const [name, value] of Object.entries(extra)) if (value !== undefined) query.set(name, String(value));
    return `?${query}`;
  };
  const formAction = view({});
  const tablePages = Math.max(1, Math.ceil(board.tableCount / boardTablePageSize));
  const run = board.lastRun;
  const selected = board.selected;
  const selectedSlot = selected ? slots.find((slot) => slot.id === selected.slotId) : undefined;
  const TablePicker = ({ id }: { id: string }) => (
    <>
      <label htmlFor={`${id}-table`}>{t("meetings.board.table")}</label>
      <select id={`${id}-table`} name="table" required>
        {allTables.map((table) => (
          <option key={table.id} value={table.id}>
            {`${table.label} (${t("meetings.board.seats", { seats: table.seats })})`}
          </option>
        ))}
      </select>
    </>
  );
  const SlotPicker = ({ id, current }: { id: string; current?: number }) => (
    <>
      <label htmlFor={`${id}-slot`}>{t("meetings.board.slot")}</label>
      <select id={`${id}-slot`} name="slot" required defaultValue={current}>
        {slots.map((slot) => (
          <option key={slot.id} value={slot.id}>
            {slotLabel(slot)}
          </option>
        ))}
      </select>
    </>
  );
  return (
    <>
      <FormPageTitle title={title} refused={error !== undefined} />
      <BackOfficeNav year={year} permissions={permissions} current="meeting-board" />
      <h1>{title}</h1>
      <ErrorNotice error={error} />
      {done && !error && (
        <p className="notice notice--open" role="status">
          {t(`meetings.board.done.${done}`, counts)}
        </p>
      )}
      <section aria-labelledby="board-figures">
        <h2 id="board-figures">{t("meetings.board.summary")}</h2>
        <dl className="figures">
          <div>
            <dt>{t("meetings.board.accepted")}</dt>
            <dd>{board.accepted}</dd>
          </div>
          <div>
            <dt>{t("meetings.board.placed")}</dt>
            <dd>{board.placed}</dd>
          </div>
          <div>
            <dt>{t("meetings.board.unplacedCount")}</dt>
            <dd>{board.accepted - board.placed}</dd>
          </div>
          <div>
            <dt>{t("meetings.board.unannounced")}</dt>
            <dd>{board.unannounced}</dd>
          </div>
        </dl>
        <p>
          {run
            ? t("meetings.board.lastRun", {
                value: run.value,
                bound: Math.floor(run.bound + 1e-6),
                share: new Intl.NumberFormat(language, { style: "percent", maximumFractionDigits: 2 }).format(run.bound > 0 ? run.value / run.bound : 1),
                placed: run.placed,
                seconds: run.seconds,
              })
            : t("meetings.board.neverRun")}{" "}
          {run?.exactStage === "optimal" && t("meetings.board.optimal")} {t("meetings.board.weights")}
        </p>
        <p>{board.publishedAt ? t("meetings.board.published", { date: formatDateTime(new Date(board.publishedAt), language, timeZone) }) : t("meetings.board.notPublished")}</p>
        <form method="post" action={formAction} className="inline-form">
          <CsrfField token={csrfToken} />
          <button type="submit" name="intent" value="schedule" className="button" aria-describedby="schedule-hint">
            {t("meetings.board.schedule")}
          </button>{" "}
          <button type="submit" name="intent" value="publish" className="button button--secondary">
            {t("meetings.board.publish")}
          </button>
        </form>
        <p className="hint" id="schedule-hint">
          {t("meetings.board.scheduleHint")}
        </p>
      </section>

      {selected && (
        <section aria-labelledby="change" className="card" id="change-panel">
          <h2 id="change">{t("meetings.board.selected", { names: names(selected.people) })}</h2>
          {selectedSlot && (
            <p>
              {t("meetings.board.selectedWhere", { when: slotLabel(selectedSlot), table: allTables.find((table) => table.id === selected.tableId)?.label ?? "" })}{" "}
              {selected.locked && t("meetings.board.locked")}
            </p>
          )}
          <form method="post" action={formAction} className="registration-form">
            <CsrfField token={csrfToken} />
            <input type="hidden" name="meeting" value={selected.id} />
            <fieldset>
              <legend>{t("meetings.board.moveLegend")}</legend>
              <div className="field">
                <SlotPicker id="move" current={selected.slotId} />
              </div>
              <div className="field">
                <TablePicker id="move" />
              </div>
              <button type="submit" name="intent" value="move" className="button">
                {t("meetings.board.move")}
              </button>
            </fieldset>
          </form>
          {board.meetings.some((meeting) => meeting.id !== selected.id) && (
            <form method="post" action={formAction} className="registration-form">
              <CsrfField token={csrfToken} />
              <input type="hidden" name="meeting" value={selected.id} />
              <fieldset>
                <legend>{t("meetings.board.swapLegend")}</legend>
                <div className="field">
                  <label htmlFor="swap-other">{t("meetings.board.swapWith")}</label>
                  <select id="swap-other" name="other" required>
                    {board.meetings
                      .filter((meeting) => meeting.id !== selected.id)
                      .map((meeting) => {
                        const slot = slots.find((item) => item.id === meeting.slotId);
                        const table = allTables.find((item) => item.id === meeting.tableId);
                        return (
                          <option key={meeting.id} value={meeting.id}>
                            {`${slot ? time(slot.startsAt) : ""} · ${table?.label ?? ""} · ${names(meeting.people)}`}
                          </option>
                        );
                      })}
                  </select>
                </div>
                <button type="submit" name="intent" value="swap" className="button">
                  {t("meetings.board.swap")}
                </button>
              </fieldset>
            </form>
          )}
          <form method="post" action={formAction} className="inline-form">
            <CsrfField token={csrfToken} />
            <input type="hidden" name="meeting" value={selected.id} />
            <button type="submit" name="intent" value={selected.locked ? "unlock" : "lock"} className="button button--secondary">
              {t(selected.locked ? "meetings.board.unlock" : "meetings.board.lock")}
            </button>{" "}
            <button type="submit" name="intent" value="remove" className="button button--secondary">
              {t("meetings.board.remove")}
            </button>
          </form>
          <p>
            <Link to={view({})}>{t("meetings.board.close")}</Link>
          </p>
        </section>
      )}

      <section aria-labelledby="board-grid">
        <h2 id="board-grid">{t("meetings.board.blocks")}</h2>
        {board.blocks.length === 0 ? (
          <p>{t("meetings.board.noBlocks")}</p>
        ) : (
          <ul className="desk-links">
            {board.blocks.map((item) => (
              <li key={item.sessionId}>
                <Link to={`?block=${item.sessionId}`} aria-current={item.sessionId === board.block ? "page" : undefined}>
                  {`${localisedString(item.title, language)}, ${formatDateTime(new Date(item.startsAt), language, timeZone)}–${time(item.endsAt)}`}
                </Link>
              </li>
            ))}
          </ul>
        )}
        {block && board.tables.length === 0 && <p>{t("meetings.board.noTables")}</p>}
        {block && board.tables.length > 0 && (
          <>
            <p className="hint" id="drag-hint" hidden data-drag-hint>
              {t("meetings.board.dragHint")}
            </p>
            <div className="table-scroll" role="region" aria-labelledby="grid-caption" tabIndex={0}>
              <table className="meeting-board" data-board>
                <caption id="grid-caption">
                  {t("meetings.board.grid", {
                    block: `${localisedString(block.title, language)} ${formatDateTime(new Date(block.startsAt), language, timeZone)}`,
                    from: (board.tablePage - 1) * boardTablePageSize + 1,
                    to: (board.tablePage - 1) * boardTablePageSize + board.tables.length,
                    count: board.tableCount,
                  })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t("meetings.board.table")}</th>
                    {blockSlots.map((slot) => (
                      <th scope="col" key={slot.id}>
                        {`${time(slot.startsAt)}–${time(slot.endsAt)}`}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {board.tables.map((table) => (
                    <tr key={table.id}>
                      <th scope="row">
                        {table.label} <span className="hint">({t("meetings.board.seats", { seats: table.seats })})</span>
                      </th>
                      {blockSlots.map((slot) => {
                        const meeting = at.get(`${slot.id}:${table.id}`);
                        return (
                          <td key={slot.id} data-slot={slot.id} data-table={table.id} data-meeting={meeting?.id}>
                            {meeting ? (
                              <>
                                <Link to={`${view({ meeting: meeting.id })}#change-panel`} aria-label={t("meetings.board.change", { names: names(meeting.people) })}>
                                  {names(meeting.people)}
                                </Link>
                                {(meeting.locked || !meeting.announced) && (
                                  <span className="hint">
                                    {" "}
                                    ({[meeting.locked && t("meetings.board.locked"), !meeting.announced && t("meetings.board.draft")].filter(Boolean).join(", ")})
                                  </span>
                                )}
                              </>
                            ) : (
                              <span className="hint">{t("meetings.board.free")}</span>
                            )}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {tablePages > 1 && (
              <nav aria-label={t("meetings.board.tablePages")} className="pagination">
                <ul>
                  {Array.from({ length: tablePages }, (_, i) => i + 1).map((page) => (
                    <li key={page}>
                      <Link to={`?block=${board.block}&tables=${page}`} aria-current={page === board.tablePage ? "page" : undefined} aria-label={t("meetings.board.tablePage", { page })}>
                        {page}
                      </Link>
                    </li>
                  ))}
                </ul>
              </nav>
            )}
            <form method="post" action={formAction} hidden data-board-drop>
              <CsrfField token={csrfToken} />
              <input type="hidden" name="intent" value="" />
              <input type="hidden" name="meeting" value="" />
              <input type="hidden" name="other" value="" />
              <input type="hidden" name="slot" value="" />
              <input type="hidden" name="table" value="" />
            </form>
            <script src="/meeting-board.js" defer />
          </>
        )}
      </section>

      <section aria-labelledby="unplaced">
        <h2 id="unplaced">{t("meetings.board.unplaced")}</h2>
        {board.unplaced.length === 0 ? (
          <p>{t("meetings.board.unplacedNone")}</p>
        ) : (
          <>
            <ul>
              {Object.entries(board.unplacedByReason)
                .filter(([, count]) => count > 0)
                .map(([reason, count]) => (
                  <li key={reason}>
                    {t(`meetings.board.reason.${reason as keyof typeof board.unplacedByReason}`)}: {count}
                  </li>
                ))}
            </ul>
            {board.accepted - board.placed > unplacedShown && <p>{t("meetings.board.unplacedMore", { shown: unplacedShown, count: board.accepted - board.placed })}</p>}
            <div className="table-scroll" role="region" aria-labelledby="unplaced-caption" tabIndex={0}>
              <table>
                <caption id="unplaced-caption">{t("meetings.board.unplacedCaption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("meetings.board.people")}</th>
                    <th scope="col">{t("meetings.board.priority")}</th>
                    <th scope="col">{t("meetings.board.reason")}</th>
                    <th scope="col">{t("meetings.board.place")}</th>
                  </tr>
                </thead>
                <tbody>
                  {board.unplaced.map((item) => (
                    <tr key={item.requestId}>
                      <td>{item.people.map((person) => `${person.name} (${person.organisation})`).join(", ")}</td>
                      <td>{t(`meetings.priority.${item.priority}`)}</td>
                      <td>{t(`meetings.board.reason.${item.reason}`)}</td>
                      <td>
                        {slots.length > 0 && allTables.length > 0 && (
                          <form method="post" action={formAction} className="inline-form" aria-label={t("meetings.board.placeLabel", { names: names(item.people) })}>
                            <CsrfField token={csrfToken} />
                            <input type="hidden" name="request" value={item.requestId} />
                            <SlotPicker id={`place-${item.requestId}`} /> <TablePicker id={`place-${item.requestId}`} />{" "}
                            <button type="submit" name="intent" value="place" className="button button--secondary">
                              {t("meetings.board.place")}
                            </button>
                          </form>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>

      <section aria-labelledby="board-settings">
        <h2 id="board-settings">{t("meetings.board.settings")}</h2>
        <form method="post" action={formAction} className="registration-form">
          <CsrfField token={csrfToken} />
          <div className="field">
            <label htmlFor="slot-minutes">{t("meetings.board.slotMinutes")}</label>
            <input id="slot-minutes" name="slot_minutes" type="number" min={5} max={240} required defaultValue={board.slotMinutes} />
          </div>
          <div className="field">
            <label htmlFor="requests-close">{t("meetings.board.requestsCloseAt")}</label>
            <input id="requests-close" name="requests_close_at" type="datetime-local" defaultValue={requestsCloseInput} />
          </div>
          <button type="submit" name="intent" value="settings" className="button">
            {t("meetings.board.saveSettings")}
          </button>
        </form>
      </section>

      <section aria-labelledby="board-tables">
        <h2 id="board-tables">{t("meetings.board.tables")}</h2>
        {allTables.length > 0 && (
          <div className="table-scroll" role="region" aria-labelledby="tables-caption" tabIndex={0}>
            <table>
              <caption id="tables-caption">{t("meetings.board.tablesCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("meetings.board.tableName")}</th>
                  <th scope="col">{t("meetings.board.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {allTables.map((table) => (
                  <tr key={table.id}>
                    <td>
                      <form method="post" action={formAction} className="inline-form" id={`table-${table.id}`}>
                        <CsrfField token={csrfToken} />
                        <input type="hidden" name="table" value={table.id} />
                        <label className="visually-hidden" htmlFor={`table-${table.id}-label`}>{`${t("meetings.board.tableName")}, ${table.label}`}</label>
                        <input id={`table-${table.id}-label`} name="label" defaultValue={table.label} maxLength={tableLimits.label} required />{" "}
                        <label className="visually-hidden" htmlFor={`table-${table.id}-seats`}>{`${t("meetings.board.tableSeats")}, ${table.label}`}</label>
                        <input id={`table-${table.id}-seats`} name="seats" type="number" min={tableLimits.seatsMin} max={tableLimits.seatsMax} defaultValue={table.seats} required />{" "}
                        <button type="submit" name="intent" value="update-table" className="button button--secondary">
                          {t("meetings.board.saveTable", { label: table.label })}
                        </button>
                      </form>
                    </td>
                    <td>
                      <form method="post" action={formAction} className="inline-form">
                        <CsrfField token={csrfToken} />
                        <input type="hidden" name="table" value={table.id} />
                        <button type="submit" name="intent" value="delete-table" className="button button--secondary">
                          {t("meetings.board.deleteTable", { label: table.label })}
                        </button>
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <form method="post" action={formAction} className="registration-form">
          <CsrfField token={csrfToken} />
          <fieldset>
            <legend>{t("meetings.board.addTables")}</legend>
            <div className="field">
              <label htmlFor="add-count">{t("meetings.board.addCount")}</label>
              <input id="add-count" name="count" type="number" min={1} max={tableLimits.addAtOnce} defaultValue={1} required />
            </div>
            <div className="field">
              <label htmlFor="add-label">{t("meetings.board.addLabel")}</label>
              <input id="add-label" name="label" maxLength={tableLimits.label} defaultValue={t("meetings.board.table")} required />
            </div>
            <div className="field">
              <label htmlFor="add-seats">{t("meetings.board.tableSeats")}</label>
              <input id="add-seats" name="seats" type="number" min={tableLimits.seatsMin} max={tableLimits.seatsMax} defaultValue={2} required />
            </div>
            <button type="submit" name="intent" value="add-tables" className="button">
              {t("meetings.board.addSubmit")}
            </button>
          </fieldset>
        </form>
      </section>
    </>
  );
}
