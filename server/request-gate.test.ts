import { describe, expect, it } from "vitest";
import { admitRequest, bodyLimit, maxBodyBytes, maxFormFields, maxUploadBodyBytes, refuseMethod } from "./request-gate";

const url = "http://localhost/fr/connexion";
const post = (body: BodyInit | null, headers: Record<string, string>) =>
  new Request(url, { method: "POST", body, headers, ...(body instanceof ReadableStream ? { duplex: "half" } : {}) } as RequestInit);
const form = "application/x-www-form-urlencoded";

async function refused(request: Request) {
  const answer = await admitRequest(request);
  if (!(answer instanceof Response)) throw new Error("admitted");
  return { status: answer.status, type: answer.headers.get("Content-Type"), text: await answer.text(), headers: answer.headers };
}

/** A body of `total` bytes sent in 64 KiB chunks, counting how many were pulled. */
function endlessBody(total: number) {
  const chunk = new TextEncoder().encode("email=".padEnd(64 * 1024, "a"));
  const pulled = { bytes: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled.bytes >= total) return controller.close();
      pulled.bytes += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, pulled };
}

describe("request gate", () => {
  it("lets GET, HEAD and a form POST through, the form still readable", async () => {
    for (const method of ["GET", "HEAD"]) expect(await admitRequest(new Request(url, { method }))).toBeInstanceOf(Request);
    const admitted = await admitRequest(post("email=a%40example.org", { "Content-Type": `${form};charset=UTF-8` }));
    if (!(admitted instanceof Request)) throw new Error("refused");
    expect((await admitted.formData()).get("email")).toBe("a@example.org");
    const multipart = new FormData();
    multipart.set("email", "b@example.org");
    const encoded = new Request(url, { method: "POST", body: multipart });
    const admittedMultipart = await admitRequest(encoded);
    if (!(admittedMultipart instanceof Request)) throw new Error("refused");
    expect((await admittedMultipart.formData()).get("email")).toBe("b@example.org");
  });

  it("answers 405 with Allow to TRACE and every other method", async () => {
    for (const method of ["PUT", "DELETE", "PATCH", "OPTIONS"]) {
      const answer = await refused(new Request(url, { method }));
      expect(answer.status, method).toBe(405);
      expect(answer.headers.get("Allow")).toBe("GET, HEAD, POST");
    }
    // fetch's Request refuses TRACE itself: the server checks Node's request with refuseMethod.
    for (const method of ["TRACE", "TRACK", "CONNECT", "PROPFIND"]) {
      const answer = refuseMethod(method, "/en/sign-in", null);
      expect(answer?.status, method).toBe(405);
      expect(await answer?.text()).toContain("Request not supported");
    }
    expect(refuseMethod("POST", "/fr/connexion", null)).toBeUndefined();
  });

  it("answers 415 to a POST that is not a form", async () => {
    for (const type of ["text/plain", "application/json", "application/xml", ""]) {
      const answer = await refused(post(type === "application/json" ? '{"email":"a@example.org"}' : "email=a", type ? { "Content-Type": type } : {}));
      expect(answer.status, type).toBe(415);
    }
  });

  it("answers 400, in the reader's language, to a broken multipart body", async () => {
    const answer = await refused(post("--x\r\nbroken", { "Content-Type": "multipart/form-data; boundary=x" }));
    expect(answer).toMatchObject({ status: 400, type: "text/plain; charset=utf-8" });
    expect(answer.text).toContain("Formulaire incompris");
    const english = await refused(new Request("http://localhost/en/sign-in", { method: "POST", body: "--x\r\nbroken", headers: { "Content-Type": "multipart/form-data; boundary=x" } }));
    expect(english.text).toContain("Form not understood");
    expect((await refused(post("whatever", { "Content-Type": "multipart/form-data" }))).status).toBe(400);
  });

  it("answers 413 to a body over the limit, and stops reading it there", async () => {
    const { stream, pulled } = endlessBody(50 * 1024 * 1024);
    const answer = await refused(post(stream, { "Content-Type": form }));
    expect(answer.status).toBe(413);
    expect(pulled.bytes).toBeLessThan(maxBodyBytes + 256 * 1024);
    const exactly = endlessBody(maxBodyBytes - 64 * 1024);
    expect(await admitRequest(post(exactly.stream, { "Content-Type": form }))).toBeInstanceOf(Request);
  });

  it("answers 413 to a form of too many fields", async () => {
    const body = Array.from({ length: maxFormFields + 1 }, (_, i) => `f${i}=1`).join("&");
    expect((await refused(post(body, { "Content-Type": form }))).status).toBe(413);
    const enough = Array.from({ length: maxFormFields }, (_, i) => `f${i}=1`).join("&");
    expect(await admitRequest(post(enough, { "Content-Type": form }))).toBeInstanceOf(Request);
  });

  it("takes a multipart body up to the upload limit on a page that uploads images, and still stops reading there", async () => {
    const uploadUrl = "http://localhost/en/2026/organisers/partners";
    const multipart = (stream: ReadableStream<Uint8Array>) =>
      new Request(uploadUrl, { method: "POST", body: stream, headers: { "Content-Type": "multipart/form-data; boundary=x" }, duplex: "half" } as RequestInit);
    const form = new FormData();
    form.set("name_en", "Partner");
    form.set("logo", new File([new Uint8Array(3 * 1024 * 1024)], "logo.png", { type: "image/png" }));
    const admitted = await admitRequest(new Request(uploadUrl, { method: "POST", body: form }));
    if (!(admitted instanceof Request)) throw new Error(`refused ${admitted.status}`);
    expect(((await admitted.formData()).get("logo") as File).size).toBe(3 * 1024 * 1024);
    const { stream, pulled } = endlessBody(50 * 1024 * 1024);
    expect((await refused(multipart(stream))).status).toBe(413);
    expect(pulled.bytes).toBeLessThan(maxUploadBodyBytes + 256 * 1024);
    const declared = new Request(uploadUrl, { method: "POST", body: "x", headers: { "Content-Type": "multipart/form-data; boundary=x", "Content-Length": String(maxUploadBodyBytes + 1) } });
    expect((await refused(declared)).status).toBe(413);
  });

  it("keeps the 1 MB limit everywhere else: other pages, and forms that are not multipart on upload pages", () => {
    expect(bodyLimit("/fr/2026/organisation/partenaires", "multipart/form-data")).toBe(maxUploadBodyBytes);
    expect(bodyLimit("/en/2026/organisers/partners", "multipart/form-data")).toBe(maxUploadBodyBytes);
    expect(bodyLimit("/en/2026/organisers/partners", "application/x-www-form-urlencoded")).toBe(maxBodyBytes);
    for (const path of ["/fr/2026/organisation", "/fr/connexion", "/en/2026/partners", "/fr/2026/organisation/partenairesX", "/en/2026/organisers/partenaires", "/x/fr/2026/organisation/partenaires"]) {
      expect(bodyLimit(path, "multipart/form-data"), path).toBe(maxBodyBytes);
    }
  });
});
