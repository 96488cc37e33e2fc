// The operators' console: read-only views of /v1/admin/* (an API key with the admin role), refreshed every 2 s.
// The key is kept in sessionStorage (this tab only) and sent as an Authorization header; it is never put in a URL.
// Everything from the server is written with textContent, never parsed as HTML.
"use strict";

const KEY = "mpcwallet.console.apiKey";
const REFRESH_MS = 2000;
const AUDIT_EVERY_MS = 30000;
let timer = null;
let lastAudit = 0;

const $ = (id) => document.getElementById(id);

function cell(text, className) {
  const td = document.createElement("td");
  td.textContent = text === null || text === undefined ? "—" : String(text);
  if (className) td.className = className;
  return td;
}

function row(attrs, cells) {
  const tr = document.createElement("tr");
  for (const [name, value] of Object.entries(attrs)) tr.setAttribute(name, value);
  cells.forEach((c) => tr.appendChild(c));
  return tr;
}

function fill(id, rows, emptyText) {
  const body = $(id);
  body.replaceChildren(...rows);
  if (rows.length === 0) {
    const tr = document.createElement("tr");
    const td = cell(emptyText, "muted");
    td.colSpan = body.closest("table").querySelectorAll("th").length;
    tr.appendChild(td);
    body.appendChild(tr);
  }
}

function when(iso) { return iso ? new Date(iso).toLocaleString() : null; }

class HttpError extends Error {
  constructor(status, detail) { super(detail); this.status = status; }
}

async function get(path) {
  const response = await fetch(path, { headers: { Authorization: "Bearer " + sessionStorage.getItem(KEY), Accept: "application/json" }, cache: "no-store" });
  if (response.status === 404) return null; // this process does not run that module
  if (!response.ok) {
    let detail = response.statusText;
    try { const problem = await response.json(); detail = problem.detail || problem.title || detail; } catch { /* no body */ }
    throw new HttpError(response.status, detail);
  }
  return response.json();
}

function showSection(id, present) { $(id).hidden = !present; }

function renderCluster(cluster) {
  showSection("cluster", cluster !== null);
  if (!cluster) return;
  fill("nodes", cluster.nodes.map((n) => row({ "data-node": n.id }, [
    cell(n.id, "mono"), cell(n.status, "status status-" + n.status), cell(when(n.lastHeartbeatAt)), cell(n.version, "mono"), cell(n.heldKeys), cell(n.endpoint, "mono"),
  ])), "no nodes configured");
  $("quorum").textContent = `${cluster.activeWallets} active wallet(s); ${cluster.walletsBelowQuorumMargin} below quorum margin (fewer than threshold + 1 holders online), `
    + `${cluster.walletsWithoutQuorum} without quorum; ${cluster.pendingSignatures} signature(s) pending.`;
}

function renderWallets(page) {
  showSection("wallets-section", page !== null);
  if (!page) return;
  fill("wallets", page.items.map((w) => row({ "data-wallet": w.id }, [
    cell(w.id, "mono"), cell(w.tenant), cell(w.label), cell(w.status, "status status-" + w.status), cell(`${w.threshold} of ${w.parties}`),
    cell(`${w.nodes.join(", ")} (${w.onlineHolders} online)`, w.onlineHolders < w.threshold + 1 ? "nonzero" : ""), cell(w.address, "mono"), cell(w.keyVersion), cell(w.generation),
  ])), "no wallets yet");
}

function renderSignatures(page) {
  showSection("signatures-section", page !== null);
  if (!page) return;
  fill("signatures", page.items.map((s) => {
    const sessions = document.createElement("ul");
    sessions.className = "history";
    for (const session of s.sessions) {
      const li = document.createElement("li");
      li.textContent = `${session.status} · ${session.participants.join(", ")}` + (session.failure ? ` · ${session.failure}` : "") + (session.suspects.length ? ` · suspects ${session.suspects.join(", ")}` : "");
      sessions.appendChild(li);
    }
    const attempts = cell(`${s.attempts}`);
    attempts.appendChild(sessions);
    return row({ "data-signature": s.id }, [
      cell(s.id, "mono"), cell(s.tenant), cell(s.walletId, "mono"), cell(s.type), cell(s.status + (s.error ? `: ${s.error}` : ""), "status status-" + s.status), attempts, cell(when(s.createdAt)), cell(when(s.completedAt)),
    ]);
  }), "no signature requests yet");
}

function renderTransactions(page) {
  showSection("transactions-section", page !== null);
  if (!page) return;
  fill("transactions", page.items.map((item) => {
    const t = item.transaction;
    const attempts = document.createElement("ul");
    attempts.className = "history";
    for (const a of t.attempts) {
      const li = document.createElement("li");
      li.textContent = `#${a.number} ${a.kind} · ${a.status}${a.mined ? " · mined" : ""} · ${a.hash || "(signing)"}`;
      attempts.appendChild(li);
    }
    const history = document.createElement("ul");
    history.className = "history";
    for (const h of item.history) {
      const li = document.createElement("li");
      li.textContent = `${h.oldStatus || "∅"} → ${h.newStatus}: ${h.action}`;
      history.appendChild(li);
    }
    const attemptsCell = cell(""); attemptsCell.appendChild(attempts);
    const historyCell = cell(""); historyCell.appendChild(history);
    return row({ "data-transaction": t.id }, [
      cell(t.id, "mono"), cell(item.tenant), cell(t.chainId), cell(t.nonce), cell(t.status, "status status-" + t.status), attemptsCell, historyCell,
    ]);
  }), "no transactions yet");
}

function renderQueues(queues) {
  showSection("queues-section", queues !== null);
  if (!queues) return;
  fill("outboxes", queues.outboxes.map((o) => row({ "data-outbox": o.store }, [
    cell(o.store), cell(o.unsentRows, o.unsentRows > 0 ? "nonzero" : ""), cell(when(o.oldestUnsentAt)), cell(o.unpublishableRows, o.unpublishableRows > 0 ? "nonzero" : ""),
  ])), "no outbox in this process");
  fill("error-queues", queues.errorQueues.map((q) => row({ "data-queue": q.queue }, [
    cell(q.queue, "mono"), cell(q.errorQueue, "mono"), cell(q.messages === null ? (q.problem || "unknown") : q.messages, q.messages > 0 ? "nonzero" : ""),
  ])), "no receive endpoints in this process");
}

async function verifyAudit() {
  const result = await get("/v1/admin/audit/verification");
  lastAudit = Date.now();
  showSection("audit-section", result !== null);
  if (!result) return;
  const audit = $("audit");
  audit.className = result.valid ? "valid" : "invalid";
  audit.textContent = result.valid
    ? `intact: ${result.entries} entries, head ${result.head || "(empty)"} (checked ${new Date().toLocaleTimeString()})`
    : `BROKEN${result.brokenAt ? " at entry " + result.brokenAt : ""}: ${result.reason}`;
}

async function refresh() {
  try {
    const [cluster, wallets, signatures, transactions, queues] = await Promise.all([
      get("/v1/admin/cluster"), get("/v1/admin/wallets?limit=50"), get("/v1/admin/signatures?limit=25"), get("/v1/admin/transactions?limit=25"), get("/v1/admin/queues"),
    ]);
    renderCluster(cluster);
    renderWallets(wallets);
    renderSignatures(signatures);
    renderTransactions(transactions);
    renderQueues(queues);
    if (Date.now() - lastAudit > AUDIT_EVERY_MS) await verifyAudit();
    $("error").textContent = "";
    $("updated").textContent = "updated " + new Date().toLocaleTimeString();
  } catch (e) {
    if (e instanceof HttpError && (e.status === 401 || e.status === 403)) {
      signOut(e.status === 403 ? "this API key has no admin role" : "the API key was refused");
      return;
    }
    $("error").textContent = "refresh failed: " + e.message;
  }
}

function signIn(key) {
  sessionStorage.setItem(KEY, key);
  $("login-view").hidden = true;
  $("console-view").hidden = false;
  $("logout").hidden = false;
  lastAudit = 0;
  refresh();
  timer = setInterval(refresh, REFRESH_MS);
}

function signOut(reason) {
  sessionStorage.removeItem(KEY);
  if (timer) clearInterval(timer);
  timer = null;
  $("console-view").hidden = true;
  $("logout").hidden = true;
  $("login-view").hidden = false;
  $("login-error").textContent = reason || "";
}

document.addEventListener("DOMContentLoaded", () => {
  $("login").addEventListener("submit", (event) => {
    event.preventDefault();
    const key = $("api-key").value.trim();
    $("api-key").value = "";
    if (key) signIn(key);
  });
  $("logout").addEventListener("click", () => signOut(""));
  $("verify-audit").addEventListener("click", () => verifyAudit().catch((e) => { $("error").textContent = "audit verification failed: " + e.message; }));
  const key = sessionStorage.getItem(KEY);
  if (key) signIn(key); else signOut("");
});
