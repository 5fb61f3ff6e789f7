// The proofing desk: draws the state the server sends (server-sent events) and keeps it
// current. No build step: plain JavaScript, as served.
"use strict";

const desk = { state: null, page: 1 };

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

function pagesOf(article) {
  const last = article.first_page + article.pages - 1;
  return last > article.first_page ? `pp. ${article.first_page}–${last}` : `p. ${article.first_page}`;
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
  const version = encodeURIComponent(desk.state.view.proof_built || "");
  return `/page/${number}.png?dpi=${dpi}&v=${version}`;
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
    el("td", {}, pagesOf(article)),
    el("td", { class: `fit ${article.fit}` },
      (view.verdicts || {})[article.slug] || fitText(article)))));
  const problems = (view.report || []).filter(([tone, text]) => tone === "alert"
    && !text.includes(": OVERSET by ") && text !== view.summary);
  document.getElementById("problems").replaceChildren(
    ...problems.map(([, text]) => el("li", {}, text)));
}

function drawFlatplan(status, view) {
  const fits = Object.fromEntries(status.articles.map((a) => [a.slug, a.fit]));
  const spreads = (view.spreads || []).map(([left, right]) => {
    const extra = [left, right].some((n) => n && view.labels[n - 1].includes("+"));
    return el("div", { class: extra ? "spread extra" : "spread" },
      ...[left, right].map((number) => pageFigure(number, view, fits)));
  });
  document.getElementById("flatplan").replaceChildren(...spreads);
}

function pageFigure(number, view, fits) {
  if (!number) return el("figure", { class: "page empty" });
  const label = view.labels[number - 1];
  const owner = view.owners[number - 1];
  const extra = label.includes("+");
  const figure = el("figure", {
      class: `page ${fits[owner] || ""}${extra ? " extra" : ""}${number === desk.page ? " current" : ""}`,
      "data-page": number, "data-label": label, onclick: () => showPage(number) },
    el("img", { src: pictureUrl(number, 24), alt: `page ${label}`, loading: "lazy" }),
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
  const image = document.getElementById("page-view");
  image.src = pictureUrl(desk.page, 110);
  image.alt = `page ${label} of the proof`;
  for (const figure of document.querySelectorAll(".page[data-page]")) {
    figure.classList.toggle("current", Number(figure.dataset.page) === desk.page);
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
  if (view.labels) {
    drawFits(status, view);
    drawFlatplan(status, view);
    showPage(desk.page);
  }
  // for the browser test: which build the page shows, and when it was drawn
  document.body.dataset.built = status.built || "";
  window.deskDrawnAt = Date.now();
}

const events = new EventSource("/events");
events.addEventListener("desk", (event) => draw(JSON.parse(event.data)));
events.addEventListener("building", () => setState("a file changed: rebuilding…", true));
events.addEventListener("error", () => {
  if (events.readyState !== EventSource.OPEN) setState("lost the desk: is `layout serve` still running?");
});
document.getElementById("previous").addEventListener("click", () => showPage(desk.page - 1));
document.getElementById("next").addEventListener("click", () => showPage(desk.page + 1));
document.addEventListener("keydown", (event) => {
  if (event.key === "ArrowLeft") showPage(desk.page - 1);
  if (event.key === "ArrowRight") showPage(desk.page + 1);
});
