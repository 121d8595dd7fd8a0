// Runs one conformance vector through the npm package, with the same
// operations and comparisons as the Rust runner
// (crates/ticketry/tests/conformance.rs); see conformance/README.md.
import {
  Archive,
  Policy,
  Ticket,
  TicketryError,
  closingChecklist,
  finalNotification,
  recommendedAction,
  repeatChecklist,
  repeatReply,
  solutionDocumentation,
} from "../pkg/node.js";

/** A suite: its defaults, fixtures and named archives, from a parsed conformance file. */
export function suiteOf(doc) {
  return { defaults: doc.defaults, fixtures: doc.fixtures ?? {}, archives: doc.archives ?? {} };
}

function actorOf(suite, step) {
  return step.actor ?? suite.defaults.actor;
}

/** The steps of a fixture, with the ones it extends first. */
function fixtureSteps(suite, name) {
  const fixture = suite.fixtures[name];
  if (!fixture) throw new Error(`unknown fixture ${name}`);
  const steps = fixture.extends ? fixtureSteps(suite, fixture.extends) : [];
  return [...steps, ...fixture.steps];
}

/**
 * Opens a ticket spec (`open` merged over the defaults, `opened_at`,
 * `fixture`, `steps`) in the archive and applies its steps through it;
 * returns the ticket's id.
 */
function addTicket(suite, id, spec, archive, policy) {
  const open = { ...suite.defaults.open, ...(spec.open ?? {}) };
  const opened = archive.open(open, { at: spec.opened_at ?? suite.defaults.opened_at, actor: actorOf(suite, spec) });
  const ticketId = opened.id;
  opened.free();
  const steps = [...(spec.fixture !== undefined ? fixtureSteps(suite, spec.fixture) : []), ...(spec.steps ?? [])];
  steps.forEach((step, i) => {
    try {
      archive.apply(ticketId, step.command, { at: step.at, actor: actorOf(suite, step), policy });
    } catch (e) {
      throw new Error(`${id}: ${ticketId} step ${i} refused: ${e.message}`);
    }
  });
  return ticketId;
}

/**
 * The archive a vector starts from (the named `archive`'s tickets, then the
 * ticket under test) and the id of the ticket under test, or null for
 * {"none": true}.
 */
function given(suite, id, g, policy) {
  if (g.none !== undefined) return null;
  const archive = new Archive();
  try {
    if (g.archive !== undefined) {
      const specs = suite.archives[g.archive];
      if (!specs) throw new Error(`${id}: unknown archive ${g.archive}`);
      for (const spec of specs) addTicket(suite, id, spec, archive, policy);
    }
    return { archive, ticketId: addTicket(suite, id, g, archive, policy) };
  } catch (e) {
    archive.free();
    throw e;
  }
}

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

/** Deep equality of JSON values. */
function jsonEqual(a, b) {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  }
  if (isObject(a) || isObject(b)) {
    if (!isObject(a) || !isObject(b)) return false;
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]));
  }
  return a === b;
}

const show = (v) => JSON.stringify(v);

/**
 * `expected` is a subset of `actual`: objects by key (a missing key is null),
 * arrays element by element with equal length, scalars equal. Returns an
 * error text, or null.
 */
export function checkSubset(expected, actual, path) {
  if (isObject(expected)) {
    for (const [k, ev] of Object.entries(expected)) {
      const av = isObject(actual) && Object.hasOwn(actual, k) ? actual[k] : null;
      const err = checkSubset(ev, av, `${path}.${k}`);
      if (err) return err;
    }
    return null;
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length !== actual.length) {
      return `${path}: expected ${expected.length} items, found ${actual.length}: ${show(actual)}`;
    }
    for (let i = 0; i < expected.length; i++) {
      const err = checkSubset(expected[i], actual[i], `${path}[${i}]`);
      if (err) return err;
    }
    return null;
  }
  return jsonEqual(expected, actual) ? null : `${path}: expected ${show(expected)}, found ${show(actual)}`;
}

/** Unmet rules compare exactly on rule, code and field, in order. */
function unmetShape(unmet) {
  if (!Array.isArray(unmet)) throw new Error(`unmet is not a list: ${show(unmet)}`);
  return unmet.map((u) => ({ rule: u.rule, code: u.code, field: u.field ?? null }));
}

function compareUnmet(expected, actual) {
  const want = unmetShape(expected);
  const got = unmetShape(actual);
  return jsonEqual(want, got) ? null : `unmet rules differ\n  expected: ${show(want)}\n  found:    ${show(got)}`;
}

function checkError(expected, actual) {
  const { unmet, ...rest } = expected;
  if (unmet !== undefined) {
    const err = compareUnmet(unmet, actual.unmet);
    if (err) return err;
    // Every unmet rule carries both messages.
    for (const u of actual.unmet) {
      for (const key of ["message_en", "message_ru"]) {
        if (typeof u[key] !== "string" || u[key].trim() === "") return `unmet rule without ${key}: ${show(u)}`;
      }
    }
  }
  return checkSubset(rest, actual, "error");
}

/** The core's error JSON of a thrown error; anything else is a runner failure. */
function errorJson(e) {
  if (!(e instanceof TicketryError)) throw e;
  if (e.code === "internal" || e.code === "freed") throw e;
  return e.toJSON();
}

/** Runs the operation of a vector: {ok} or {err} (the core's error JSON). */
function runOp(suite, v, g, policy) {
  const when = v.when;
  const need = () => {
    if (!g) throw new Error(`${when.op} needs a ticket`);
    return g;
  };
  const attempt = (fn) => {
    try {
      return { ok: fn() };
    } catch (e) {
      return { err: errorJson(e) };
    }
  };
  /** Runs `fn` with a copy of the ticket under test, freed afterwards. */
  const withTicket = (fn) => {
    const { archive, ticketId } = need();
    const ticket = archive.get(ticketId);
    if (!ticket) throw new Error(`the archive lost ${ticketId}`);
    try {
      return fn(ticket);
    } finally {
      ticket.free();
    }
  };
  switch (when.op) {
    case "apply": {
      const { archive, ticketId } = need();
      const before = archive.get(ticketId);
      try {
        const options = { at: when.at, actor: actorOf(suite, when), policy };
        if (when.expected_version !== undefined) options.expectedVersion = when.expected_version;
        const result = attempt(() => {
          archive.apply(ticketId, when.command, options);
          return withTicket((t) => ({ status: t.status, version: t.version, state: t.state }));
        });
        if (result.err && !withTicket((t) => t.equals(before))) throw new Error("a refused command changed the ticket");
        return result;
      } finally {
        before.free();
      }
    }
    case "recommended_action":
      return { ok: { action: recommendedAction(when.cause) } };
    case "history": {
      const { archive, ticketId } = need();
      return {
        ok: {
          earlier_client_tickets: archive.earlierClientTickets(ticketId),
          repeat_chain: archive.repeatChain(ticketId),
          linked_from: archive.linkedFrom(ticketId),
        },
      };
    }
    case "chronic":
      return { ok: { chronic: need().archive.chronicProblems(when.at, policy) } };
    case "chronic_of": {
      const { archive, ticketId } = need();
      return { ok: { chronic: archive.chronicProblemOf(ticketId, when.at, policy) } };
    }
    case "not_applying":
      return { ok: { clients: need().archive.clientsNotApplyingSolutions(when.at, policy) } };
    case "why_blocked":
      return { ok: { unmet: withTicket((t) => t.whyBlocked(when.command, when.at, policy)) } };
    case "available": {
      const list = withTicket((t) => t.available(when.at, policy));
      const names = (allowed) => list.filter((a) => a.allowed === allowed).map((a) => a.command);
      return { ok: { allowed: names(true), blocked: names(false) } };
    }
    case "checklist": {
      const lists = { closing: closingChecklist, repeat: repeatChecklist };
      const name = when.checklist ?? "closing";
      if (!Object.hasOwn(lists, name)) throw new Error(`unknown checklist ${name}`);
      const items = withTicket((t) => lists[name](t, policy));
      return { ok: { checklist: Object.fromEntries(items.map((i) => [i.key, i.status])) } };
    }
    case "render":
      return withTicket((t) => {
        switch (when.template) {
          case "final_notification":
            return attempt(() => ({ text: finalNotification(t, when.specialist_name, policy) }));
          case "repeat_reply":
            return attempt(() => ({ text: repeatReply(t, when.specialist_name, policy) }));
          case "solution_documentation":
            return attempt(() => ({ text: solutionDocumentation(t, when.closing_time, policy) }));
          default:
            throw new Error(`unknown template ${when.template}`);
        }
      });
    case "state":
      return { ok: { state: withTicket((t) => t.state) } };
    case "replay":
      return withTicket((t) => {
        const back = Ticket.fromJSON(t.toJSONString());
        const events = Ticket.fromEvents(t.history);
        try {
          return { ok: { identical: back.equals(t) && events.equals(t) } };
        } finally {
          back.free();
          events.free();
        }
      });
    case "load_log":
      return attempt(() => {
        const t = Ticket.fromJSON(when.log);
        try {
          return { status: t.status, version: t.version };
        } finally {
          t.free();
        }
      });
    default:
      throw new Error(`unknown op ${when.op}`);
  }
}

/** Runs a vector; returns null when it passes, else what differs. */
export function runVector(suite, v) {
  const policy = new Policy(v.policy ?? {});
  let g = null;
  try {
    g = given(suite, v.id, v.given, policy);
    const actual = runOp(suite, v, g, policy);
    const then = v.then;
    if (then.error !== undefined) {
      if (actual.err) return checkError(then.error, actual.err);
      return `expected error ${show(then.error)}, but it succeeded: ${show(actual.ok.status ?? actual.ok)}`;
    }
    if (actual.err) return `unexpected error: ${show(actual.err)}`;
    if (then.unmet !== undefined) return compareUnmet(then.unmet, actual.ok.unmet);
    return checkSubset(then, actual.ok, "result");
  } finally {
    g?.archive.free();
    policy.free();
  }
}
