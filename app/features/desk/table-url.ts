import { z } from "zod";
import { filterFields, filterSearchParams, parseFilter, type RegistrationFilter } from "~/features/segments/filter";

/** The columns of the registrations table, each sortable. */
export const tableColumns = ["name", "organisation", "organisation_type", "country", "city", "category", "status", "language", "registered", "checked_in"] as const;
export type TableColumn = (typeof tableColumns)[number];

const tableOrderSchema = z.object({
  sort: z.enum(tableColumns).catch("registered"),
  dir: z.enum(["asc", "desc"]).catch("desc"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type TableOrder = z.infer<typeof tableOrderSchema>;

/** Latest registered first. */
export const defaultOrder: TableOrder = { sort: "registered", dir: "desc", page: 1 };

/** What the table shows, as its address says. */
export interface TableView {
  filter: RegistrationFilter;
  order: TableOrder;
}

/**
 * Reads the table's address. The filter form sends each field's ticked values under the field's
 * name and, beside them, `mode_<field>=exclude` for "none of these": those values are read as
 * the field's NOT (`not_<field>`), the form the address keeps.
 */
export function readTableView(params: URLSearchParams): TableView {
  const read = new URLSearchParams();
  for (const [name, value] of params) {
    if (name.startsWith("mode_")) continue;
    const excluded = (filterFields as readonly string[]).includes(name) && params.get(`mode_${name}`) === "exclude";
    read.append(excluded ? `not_${name}` : name, value);
  }
  return {
    filter: parseFilter(read),
    order: tableOrderSchema.parse({ sort: params.get("sort") ?? undefined, dir: params.get("dir") ?? undefined, page: params.get("page") ?? undefined }),
  };
}

/** The one address of a view: the same table, the same address, to share or bookmark. */
export function tableViewSearch(view: TableView): URLSearchParams {
  const params = filterSearchParams(view.filter);
  if (view.order.sort !== defaultOrder.sort || view.order.dir !== defaultOrder.dir) {
    params.set("sort", view.order.sort);
    params.set("dir", view.order.dir);
  }
  if (view.order.page > 1) params.set("page", String(view.order.page));
  return params;
}

/** `?…` for a view, or nothing for the table unfiltered in its first order. */
export function tableQuery(view: TableView): string {
  const search = tableViewSearch(view).toString();
  return search ? `?${search}` : "";
}

/** What a bulk action of the table does to the registrations it touches. */
export const bulkActions = ["approve", "refuse"] as const;
export type BulkAction = (typeof bulkActions)[number];
