// The proofing desk: draws the state the server sends (server-sent events) and keeps it
// current. No build step: plain JavaScript, as served.
"use strict";

const desk = { state: null, page: 1, pending: 0 };

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child);
  return node;
}

function plural(count, noun) {
  return `${count.toLocaleString("en")} ${noun}${count === 1 ? "" : "s"}`;
}

function pagesOf(article, view) {
  // its folios in the flatplan, and the OVERSET pages after them ('37+1' …) counted apart
  const own = view.labels.filter((label, k) => view.owners[k] === article.slug);
  const planned = own.filter((label) => !label.includes("+"));
  if (!planned.length) return `p. ${article.first_page}`;
  const range = planned.length > 1 ? `pp. ${planned[0]}–${planned[planned.length - 1]}`
    : `p. ${planned[0]}`;
  const extra = own.length - planned.length;
  return extra ? `${range} + ${plural(extra, "OVERSET page")}` : range;
}

function fitText(article) {
  if (article.fit === "overset") {
    return `OVERSET by ${plural(article.lines, "line")} — cut about ${plural(article.words, "word")}`;
  }
  if (article.fit === "underset") {
    return `underset: ${plural(article.lines, "line")} free — about ${plural(article.words, "word")} more, or a picture`;
  }
  return article.lines ? `fits (${plural(article.lines, "line")} free)` : "fits";
}

function pictureUrl(number, dpi) {
  // a page's picture is named by what it shows: a page a save did not change keeps its URL,
  // and the browser keeps its picture
  const view = desk.state.view;
  const version = (view.versions || [])[number - 1];
  if (version) return `/picture/${encodeURIComponent(version)}.png?dpi=${dpi}`;
  return `/page/${number}.png?dpi=${dpi}&v=${encodeURIComponent(view.proof_built || "")}`;
}

function setState(text, building = false) {
  const node = document.getElementById("state");
  node.textContent = text;
  node.classList.toggle("building", building);
}

function drawError(status, view) {
  const box = document.getElementById("error");
  const error = status.error;
  box.hidden = !error;
  if (!error) return;
  const where = [error.file, error.line, error.column].filter((part) => part != null).join(":");
  document.getElementById("error-where").textContent = where;
  document.getElementById("error-message").textContent = error.message;
  document.getElementById("error-hint").textContent = error.hint || "—";
  let source = view.source ?? "";
  if (source && error.column) source += "\n" + " ".repeat(error.column - 1) + "^";
  document.getElementById("error-source").textContent = source;
  document.getElementById("error-source").hidden = !source;
}

function drawFits(status, view) {
  const body = document.querySelector("#fits tbody");
  body.replaceChildren(...status.articles.map((article) => el("tr",
    { "data-slug": article.slug, title: (view.titles || {})[article.slug] || "",
      onclick: () => showPage(view.owners.indexOf(article.slug) + 1) },
    el("td", { class: "slug" }, article.slug),
    el("td", {}, pagesOf(article, view)),
    el("td", { class: `fit ${article.fit}` },
      (view.verdicts || {})[article.slug] || fitText(article)))));
  const problems = (view.report || []).filter(([tone, text]) => tone === "alert"
    && !text.includes(": OVERSET by ") && text !== view.summary);
  document.getElementById("problems").replaceChildren(
    ...problems.map(([, text]) => el("li", {}, text)));
}

async function drawFlatplan(state) {
  const { status, view } = state;
  const fits = Object.fromEntries(status.articles.map((a) => [a.slug, a.fit]));
  const spreads = (view.spreads || []).map(([left, right]) => {
    const extra = [left, right].some((n) => n && view.labels[n - 1].includes("+"));
    return el("div", { class: extra ? "spread extra" : "spread" },
      ...[left, right].map((number) => pageFigure(number, view, fits)));
  });
  // the new pictures load first and then replace the old ones: no blank flatplan meanwhile
  desk.pending += 1;
  const pictures = spreads.flatMap((spread) => [...spread.querySelectorAll("img")]);
  await Promise.allSettled(pictures.map((picture) => picture.decode()));
  desk.pending -= 1;
  if (desk.state === state) document.getElementById("flatplan").replaceChildren(...spreads);
}

function pageFigure(number, view, fits) {
  if (!number) return el("figure", { class: "page empty" });
  const label = view.labels[number - 1];
  const owner = view.owners[number - 1];
  const extra = label.includes("+");
  const figure = el("figure", {
      class: `page ${fits[owner] || ""}${extra ? " extra" : ""}${number === desk.page ? " current" : ""}`,
      "data-page": number, "data-label": label, onclick: () => showPage(number) },
    el("img", { src: pictureUrl(number, 24), alt: `page ${label}` }),
    el("figcaption", {}, el("span", { class: "label" }, extra ? `${label} OVERSET` : label),
      el("span", { class: "slug" }, owner)));
  return figure;
}

function showPage(number) {
  const view = desk.state && desk.state.view;
  if (!view || !view.labels || !view.labels.length) return;
  desk.page = Math.min(Math.max(number, 1), view.labels.length);
  const label = view.labels[desk.page - 1];
  document.getElementById("viewer-title").textContent =
    `Page ${label} — ${view.owners[desk.page - 1]}`;
  swapPicture(document.getElementById("page-view"), pictureUrl(desk.page, 110),
              `page ${label} of the proof`);
  for (const figure of document.querySelectorAll(".page[data-page]")) {
    figure.classList.toggle("current", Number(figure.dataset.page) === desk.page);
  }
}

function swapPicture(image, url, alt) {
  // the page shown stays until the next one has loaded: never a page under the wrong title
  if (image.dataset.url === url) return;
  image.dataset.url = url;
  const next = new Image();
  desk.pending += 1;
  const done = () => {
    desk.pending -= 1;
    if (image.dataset.url === url) {
      image.src = url; image.alt = alt;
      window.deskShown = { url, at: Date.now() };  // for the browser test and the bench
    }
  };
  next.onload = done;
  next.onerror = done;
  next.src = url;
}

function drawRound(view) {
  // which round the rebuilds update, and whether it has been sent (then it is kept as sent)
  const button = document.getElementById("send");
  const text = document.getElementById("round-state");
  if (!view.round) { text.textContent = ""; button.hidden = true; return; }
  if (view.round_sent) {
    const when = new Date(view.round_sent).toLocaleString();
    text.textContent = `Round ${view.round} was sent ${when} and is kept as sent; the next save starts round ${view.round + 1}.`;
  } else {
    text.textContent = `Round ${view.round} (working): each save updates it.`;
  }
  button.hidden = Boolean(view.round_sent);
  button.dataset.round = view.round;
}

async function sendRound() {
  const button = document.getElementById("send");
  button.disabled = true;
  try {
    const answer = await fetch("/send", {
      method: "POST", headers: { "Content-Type": "application/json", "X-Desk": "send" },
      body: JSON.stringify({ round: Number(button.dataset.round) }) });
    const body = await answer.json().catch(() => ({}));
    if (!answer.ok) setState(`not sent: ${body.error || answer.statusText}`);
    else draw(body);
  } finally {
    button.disabled = false;
  }
}

function draw(state) {
  desk.state = state;
  const { status, view } = state;
  document.getElementById("issue").textContent = view.issue ? `— ${view.issue}` : "";
  const when = status.built ? new Date(status.built).toLocaleTimeString() : "";
  setState(status.error ? `rebuilt at ${when}: the input has an error`
    : `proof round ${view.round} rebuilt at ${when}: ${status.pdf} (${plural(status.pages, "page")})`);
  const summary = document.getElementById("summary");
  summary.textContent = view.summary || "";
  summary.classList.toggle("refused", Boolean(view.refused));
  drawError(status, view);
  drawRound(view);
  if (view.labels) {
    // the changed page first: the viewer goes to the first page the save changed, unless
    // the page it shows changed too; its picture is asked before the flatplan's
    const changed = view.changed || [];
    if (changed.length && !changed.includes(desk.page)) desk.page = changed[0];
    showPage(desk.page);
    drawFits(status, view);
    drawFlatplan(state);
  }
  // for the browser test: which build the page shows, when it was drawn, pictures pending
  document.body.dataset.built = status.built || "";
  window.deskDrawnAt = Date.now();
  window.deskChanged = view.changed || [];
}

window.deskSettled = () => desk.pending === 0;

const events = new EventSource("/events");
events.addEventListener("desk", (event) => draw(JSON.parse(event.data)));
events.addEventListener("building", () => setState("a file changed: rebuilding…", true));
events.addEventListener("error", () => {
  if (events.readyState !== EventSource.OPEN) setState("lost the desk: is `layout serve` still running?");
});
document.getElementById("send").addEventListener("click", sendRound);
document.getElementById("previous").addEventListener("click", () => showPage(desk.page - 1));
document.getElementById("next").addEventListener("click", () => showPage(desk.page + 1));
document.addEventListener("keydown", (event) => {
  if (event.key === "ArrowLeft") showPage(desk.page - 1);
  if (event.key === "ArrowRight") showPage(desk.page + 1);
});
