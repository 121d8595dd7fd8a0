// The public API of the npm package, shared by the Node and browser entries.
//
// A translation layer only: every rule, default and threshold lives in the
// Rust core. This file wraps the raw WebAssembly exports (ticketry.js) in
// classes, passes the core's policy, and turns the failures the Rust side
// throws ({"$ticketry": <the core's error JSON>, "message"}) into
// TicketryError subclasses. See index.d.ts for the documentation.
import * as raw from "./ticketry.js";

const RAW = Symbol("ticketry.raw");
const TOKEN = Symbol("ticketry.token");

// ------------------------------------------------------------------ errors

/** Base of every error this package throws; `code` is the core's stable code. */
export class TicketryError extends Error {
  #json;
  constructor(json, message, options) {
    super(message ?? String(json.code), options);
    this.#json = json;
    for (const [key, value] of Object.entries(json)) {
      // The core's own `message` field is a detail: `message` is the full text.
      this[key === "message" ? "detail" : key] = value;
    }
  }

  /** The error as the core's JSON: `{code, ...fields}`. */
  toJSON() {
    return JSON.parse(JSON.stringify(this.#json));
  }
}
export class TransitionRefused extends TicketryError {}
export class InvalidInput extends TicketryError {}
export class VersionConflict extends TicketryError {}
export class AlreadyOpened extends TicketryError {}
export class InvalidPolicy extends TicketryError {}
export class TemplateValueMissing extends TicketryError {}
export class LogError extends TicketryError {}
export class UnsupportedSchemaVersion extends LogError {}
export class MalformedLog extends LogError {}
export class InvalidEvent extends LogError {}
export class EmptyLog extends LogError {}
export class CalendarError extends TicketryError {}
export class CalendarMalformedJson extends CalendarError {}
export class CalendarMalformedXml extends CalendarError {}
export class CalendarInvalidDay extends CalendarError {}
export class ArchiveError extends TicketryError {}
export class DuplicateTicket extends ArchiveError {}
export class UnknownTicket extends ArchiveError {}
export class IndexFull extends TicketryError {}

const CLASSES = {
  refused: TransitionRefused,
  invalid_input: InvalidInput,
  version_conflict: VersionConflict,
  already_opened: AlreadyOpened,
  invalid_policy: InvalidPolicy,
  template_value_missing: TemplateValueMissing,
  unsupported_schema_version: UnsupportedSchemaVersion,
  malformed_log: MalformedLog,
  invalid_event: InvalidEvent,
  empty_log: EmptyLog,
  calendar_malformed_json: CalendarMalformedJson,
  calendar_malformed_xml: CalendarMalformedXml,
  calendar_invalid_day: CalendarInvalidDay,
  duplicate_ticket: DuplicateTicket,
  unknown_ticket: UnknownTicket,
  index_full: IndexFull,
};
for (const cls of [TicketryError, ...Object.values(CLASSES), LogError, CalendarError, ArchiveError]) {
  Object.defineProperty(cls.prototype, "name", { value: cls.name, writable: true, configurable: true });
}

/** A failure thrown by the Rust side, as an error object. */
function fromThrown(thrown) {
  const json = thrown.$ticketry;
  const cause = thrown.cause ? fromThrown(thrown.cause) : undefined;
  const Class = Object.hasOwn(CLASSES, json.code) ? CLASSES[json.code] : TicketryError;
  const error = new Class(json, thrown.message, cause ? { cause } : undefined);
  // An invalid event carries the error of the event: as an error object too.
  if (cause) error.error = cause;
  return error;
}

function translate(e) {
  if (e instanceof TicketryError) return e;
  if (e !== null && typeof e === "object" && Object.hasOwn(e, "$ticketry")) return fromThrown(e);
  // Never expected (the core does not panic); reported, not passed through.
  return new TicketryError({ code: "internal" }, "internal error in the ticketry WebAssembly module", { cause: e });
}

/** Runs a call into the WebAssembly module, translating what it throws. */
function call(fn) {
  try {
    return fn();
  } catch (e) {
    throw translate(e);
  }
}

function invalidInput(field, detail) {
  return new InvalidInput({ code: "invalid_input", field, message: detail }, `invalid input in \`${field}\`: ${detail}`);
}

/** `value instanceof Class`, false where `instanceof` throws (a revoked Proxy). */
function isInstance(value, Class) {
  try {
    return value instanceof Class;
  } catch {
    return false;
  }
}

/** The raw handle of a wrapper, or an error once it was freed. */
function handle(obj, Class, field) {
  if (!isInstance(obj, Class)) throw invalidInput(field, `must be a ${Class.name}`);
  const h = obj[RAW];
  if (!h) throw new TicketryError({ code: "freed" }, `this ${Class.name} was freed`);
  return h;
}

function free(obj) {
  const h = obj[RAW];
  obj[RAW] = undefined;
  h?.free();
}

/** The items of an iterable object, or undefined when it is none or cannot be iterated. */
function iterated(value) {
  try {
    if (value === null || typeof value !== "object" || typeof value[Symbol.iterator] !== "function") return undefined;
    return [...value];
  } catch {
    return undefined;
  }
}

function readOption(options, key) {
  if (options === null || typeof options !== "object") return undefined;
  try {
    return options[key];
  } catch {
    throw invalidInput(key, "cannot be read from the options");
  }
}

// The core's default policy, made once by the core (Policy::default).
let defaultPolicy;

/** Runs `fn` with the raw policy: a Policy, a plain policy object, or the core's defaults. */
function withPolicy(policy, fn) {
  if (policy === undefined || policy === null) {
    defaultPolicy ??= raw.RawPolicy.defaults();
    return fn(defaultPolicy);
  }
  if (isInstance(policy, Policy)) return fn(handle(policy, Policy, "policy"));
  const temporary = raw.RawPolicy.from_value(policy);
  try {
    return fn(temporary);
  } finally {
    temporary.free();
  }
}

function addDispose(Class) {
  if (typeof Symbol.dispose === "symbol") {
    Object.defineProperty(Class.prototype, Symbol.dispose, {
      value: Class.prototype.free,
      writable: true,
      configurable: true,
    });
  }
}

// ------------------------------------------------------------------ policy

/** The values the regulation leaves to the team; missing fields take the core's defaults. */
export class Policy {
  constructor(values) {
    this[RAW] = call(() => raw.RawPolicy.from_value(values));
  }

  static default() {
    return new Policy();
  }

  static fromJSON(json) {
    if (json === undefined) throw invalidInput("policy", "missing");
    return new Policy(json);
  }

  toJSON() {
    return call(() => handle(this, Policy, "policy").to_value());
  }

  get calendar() {
    return call(() => new Calendar(TOKEN, handle(this, Policy, "policy").calendar()));
  }

  free() {
    free(this);
  }
}
addDispose(Policy);

// ------------------------------------------------------------------ calendar

/** A business-day calendar (the core's Calendar). */
export class Calendar {
  constructor(token, rawCalendar) {
    if (token !== TOKEN) throw new TypeError("use Calendar.russia(), Calendar.weekendsOnly() or Calendar.fromJSON()");
    this[RAW] = rawCalendar;
  }

  static russia() {
    return call(() => new Calendar(TOKEN, raw.RawCalendar.russia()));
  }

  static weekendsOnly() {
    return call(() => new Calendar(TOKEN, raw.RawCalendar.weekends_only()));
  }

  static fromJSON(json) {
    return call(() => new Calendar(TOKEN, raw.RawCalendar.from_value(json)));
  }

  static fromXmlcalendar(xml) {
    return call(() => new Calendar(TOKEN, raw.RawCalendar.from_xmlcalendar(xml)));
  }

  #raw() {
    return handle(this, Calendar, "calendar");
  }

  toJSON() {
    return call(() => this.#raw().to_value());
  }

  merge(other) {
    call(() => this.#raw().merge(handle(other, Calendar, "other")));
    return this;
  }

  clone() {
    return call(() => new Calendar(TOKEN, this.#raw().copy()));
  }

  years() {
    return call(() => this.#raw().years());
  }

  covers(year) {
    return call(() => this.#raw().covers(year));
  }

  days() {
    return call(() => this.#raw().days());
  }

  dayKind(date) {
    return call(() => this.#raw().day_kind(date));
  }

  holidayName(date) {
    return call(() => this.#raw().holiday_name(date));
  }

  isWorkingDay(date) {
    return call(() => this.#raw().is_working_day(date));
  }

  nextWorkingDay(date) {
    return call(() => this.#raw().next_working_day(date));
  }

  addBusinessDays(date, n) {
    return call(() => this.#raw().add_business_days(date, n));
  }

  businessDaysBetween(start, end) {
    return call(() => this.#raw().business_days_between(start, end));
  }

  businessDeadline(from, n, timeZone) {
    return call(() => this.#raw().business_deadline(from, n, timeZone));
  }

  free() {
    free(this);
  }
}
addDispose(Calendar);

// ------------------------------------------------------------------ tickets

/** A ticket: its state and the events it is the fold of (the core's Ticket). */
export class Ticket {
  constructor(token, rawTicket) {
    if (token !== TOKEN) throw new TypeError("use Ticket.open(), Ticket.fromJSON() or Ticket.fromEvents()");
    this[RAW] = rawTicket;
  }

  static open(newTicket, options) {
    return call(() => new Ticket(TOKEN, raw.RawTicket.open(newTicket, options)));
  }

  static fromJSON(log) {
    return call(() => new Ticket(TOKEN, raw.RawTicket.from_log(log)));
  }

  static fromEvents(events) {
    return call(() => new Ticket(TOKEN, raw.RawTicket.from_events(events)));
  }

  #raw() {
    return handle(this, Ticket, "ticket");
  }

  apply(command, options) {
    return call(() => withPolicy(readOption(options, "policy"), (p) => this.#raw().apply(command, options, p)));
  }

  check(command, options) {
    call(() => withPolicy(readOption(options, "policy"), (p) => this.#raw().check(command, options, p)));
  }

  can(command, options) {
    return call(() => withPolicy(readOption(options, "policy"), (p) => this.#raw().can(command, options, p)));
  }

  whyBlocked(command, at, policy) {
    return call(() => withPolicy(policy, (p) => this.#raw().why_blocked(command, at, p)));
  }

  available(at, policy) {
    return call(() => withPolicy(policy, (p) => this.#raw().available(at, p)));
  }

  markClosePossibleFrom(policy) {
    return call(() => withPolicy(policy, (p) => this.#raw().mark_close_possible_from(p)));
  }

  get id() {
    return call(() => this.#raw().id());
  }

  get state() {
    return call(() => this.#raw().state());
  }

  get status() {
    return call(() => this.#raw().status());
  }

  get version() {
    return call(() => this.#raw().version());
  }

  get history() {
    return call(() => this.#raw().history());
  }

  // The values the core derives from the ticket: one call into the module
  // gives them all (RawTicket.derived), each getter reads its own.
  #derived(key) {
    return call(() => this.#raw().derived())[key];
  }

  get handlingMinutes() {
    return this.#derived("handling_minutes");
  }

  get reopenCount() {
    return this.#derived("reopen_count");
  }

  get timeToResolveMs() {
    return this.#derived("time_to_resolve_ms");
  }

  get isRepeat() {
    return this.#derived("is_repeat");
  }

  get repeatsOf() {
    return this.#derived("repeats_of");
  }

  get hasCommunication() {
    return this.#derived("has_communication");
  }

  get unansweredQuestions() {
    return this.#derived("unanswered_questions");
  }

  get documentation() {
    return this.#derived("documentation");
  }

  detectionDoc() {
    return this.#derived("detection_doc");
  }

  detectionQuery() {
    return this.#derived("detection_query");
  }

  repeatAnalysis() {
    return this.#derived("repeat_analysis");
  }

  toJSON() {
    return call(() => this.#raw().to_log());
  }

  toJSONString() {
    return call(() => this.#raw().to_json_text());
  }

  clone() {
    return call(() => new Ticket(TOKEN, this.#raw().copy()));
  }

  equals(other) {
    return call(() => this.#raw().equals(handle(other, Ticket, "other")));
  }

  free() {
    free(this);
  }
}
addDispose(Ticket);

// ------------------------------------------------------------------ archive

/** Many tickets, indexed by id, by client and by link (the core's Archive). */
export class Archive {
  constructor(token, rawArchive) {
    this[RAW] = token === TOKEN ? rawArchive : call(() => raw.RawArchive.empty());
  }

  static fromTickets(tickets) {
    const list = iterated(tickets);
    if (list === undefined) throw invalidInput("tickets", "must be an iterable of Ticket");
    const archive = new Archive();
    try {
      list.forEach((ticket, i) => call(() => archive.#raw().insert(handle(ticket, Ticket, `tickets[${i}]`))));
    } catch (e) {
      archive.free();
      throw e;
    }
    return archive;
  }

  static fromJSONLines(text) {
    return call(() => new Archive(TOKEN, raw.RawArchive.from_json_lines(text)));
  }

  #raw() {
    return handle(this, Archive, "archive");
  }

  toJSONLines() {
    return call(() => this.#raw().to_json_lines());
  }

  get size() {
    return call(() => this.#raw().size());
  }

  has(id) {
    return call(() => this.#raw().has(id));
  }

  ids() {
    return call(() => this.#raw().ids());
  }

  get(id) {
    return call(() => {
      const found = this.#raw().get(id);
      return found === undefined ? undefined : new Ticket(TOKEN, found);
    });
  }

  *[Symbol.iterator]() {
    for (const id of this.ids()) {
      const ticket = this.get(id);
      if (ticket !== undefined) yield ticket;
    }
  }

  insert(ticket) {
    call(() => this.#raw().insert(handle(ticket, Ticket, "ticket")));
    return this;
  }

  open(newTicket, options) {
    return call(() => new Ticket(TOKEN, this.#raw().open(newTicket, options)));
  }

  apply(id, command, options) {
    return call(() => withPolicy(readOption(options, "policy"), (p) => this.#raw().apply(id, command, options, p)));
  }

  clientHistory(clientId) {
    return call(() => this.#raw().client_history(clientId));
  }

  earlierClientTickets(id) {
    return call(() => this.#raw().earlier_client_tickets(id));
  }

  linkedFrom(id) {
    return call(() => this.#raw().linked_from(id));
  }

  repeatChain(id) {
    return call(() => this.#raw().repeat_chain(id));
  }

  danglingLinks() {
    return call(() => this.#raw().dangling_links());
  }

  chronicProblems(at, policy) {
    return call(() => withPolicy(policy, (p) => this.#raw().chronic_problems(at, p)));
  }

  chronicProblemOf(id, at, policy) {
    return call(() => withPolicy(policy, (p) => this.#raw().chronic_problem_of(id, at, p)));
  }

  clientsNotApplyingSolutions(at, policy) {
    return call(() => withPolicy(policy, (p) => this.#raw().clients_not_applying_solutions(at, p)));
  }

  detect(query, policy) {
    return call(() => withPolicy(policy, (p) => this.#raw().detect(query, p)));
  }

  clone() {
    return call(() => new Archive(TOKEN, this.#raw().copy()));
  }

  free() {
    free(this);
  }
}
addDispose(Archive);

// ------------------------------------------------------------------ detection

/** The incremental repeat-detection index (the core's Detector). */
export class Detector {
  constructor() {
    this[RAW] = call(() => raw.RawDetector.empty());
  }

  static fromDocs(docs) {
    const list = iterated(docs);
    if (list === undefined) throw invalidInput("docs", "must be an iterable of DetectionDoc");
    const detector = new Detector();
    try {
      list.forEach((doc) => detector.upsert(doc));
    } catch (e) {
      detector.free();
      throw e;
    }
    return detector;
  }

  #raw() {
    return handle(this, Detector, "detector");
  }

  upsert(doc) {
    call(() => this.#raw().upsert(doc));
    return this;
  }

  setOutcome(id, outcome) {
    return call(() => this.#raw().set_outcome(id, outcome));
  }

  remove(id) {
    return call(() => this.#raw().remove(id));
  }

  has(id) {
    return call(() => this.#raw().has(id));
  }

  get size() {
    return call(() => this.#raw().size());
  }

  heapBytes() {
    return call(() => this.#raw().heap_bytes());
  }

  compact() {
    call(() => this.#raw().compact());
    return this;
  }

  detect(query, policy) {
    return call(() => withPolicy(policy, (p) => this.#raw().detect(query, p)));
  }

  textSimilarity(a, b) {
    return call(() => this.#raw().text_similarity(a, b));
  }

  free() {
    free(this);
  }
}
addDispose(Detector);

export function decisions() {
  return call(() => raw.decisions());
}

export function outcomes() {
  return call(() => raw.outcomes());
}

export function ignoredReasons() {
  return call(() => raw.ignored_reasons());
}

export function detectionQuery(newTicket, at) {
  return call(() => raw.detection_query_from_new(newTicket, at));
}

export function findReferences(text, policy) {
  return call(() => withPolicy(policy, (p) => raw.find_references(text, p)));
}

// ------------------------------------------------------------------ functions

export function version() {
  return raw.version();
}

export function rules() {
  return call(() => raw.rules());
}

export function limits() {
  return call(() => raw.limits());
}

export function transitions() {
  return call(() => raw.transitions());
}

export function statuses() {
  return call(() => raw.statuses());
}

export function timeZones() {
  return raw.time_zones();
}

export function repeatTypes() {
  return call(() => raw.repeat_types());
}

export function recurrenceCauses() {
  return call(() => raw.recurrence_causes());
}

export function repeatActions() {
  return call(() => raw.repeat_actions());
}

export function historyChecks() {
  return call(() => raw.history_checks());
}

export function typicalErrors() {
  return call(() => raw.typical_errors());
}

export function escalationTasks() {
  return call(() => raw.escalation_tasks());
}

export function supportActions() {
  return call(() => raw.support_actions());
}

export function recommendedAction(cause) {
  return call(() => raw.recommended_action(cause));
}

export function typicalError(unmet) {
  return call(() => raw.typical_error(unmet));
}

export function mermaidDiagram() {
  return raw.mermaid_diagram();
}

export function closingChecklist(ticket, policy) {
  return call(() => withPolicy(policy, (p) => raw.closing_checklist(handle(ticket, Ticket, "ticket"), p)));
}

export function finalNotification(ticket, specialistName, policy) {
  return call(() =>
    withPolicy(policy, (p) => raw.final_notification(handle(ticket, Ticket, "ticket"), specialistName, p)),
  );
}

export function solutionDocumentation(ticket, closingTime, policy) {
  return call(() =>
    withPolicy(policy, (p) => raw.solution_documentation(handle(ticket, Ticket, "ticket"), closingTime, p)),
  );
}

export function confirmationRequest(ticket, reminder, policy) {
  return call(() =>
    withPolicy(policy, (p) => raw.confirmation_request(handle(ticket, Ticket, "ticket"), reminder, p)),
  );
}

export function repeatChecklist(ticket, policy) {
  return call(() => withPolicy(policy, (p) => raw.repeat_checklist(handle(ticket, Ticket, "ticket"), p)));
}

export function repeatReply(ticket, specialistName, policy) {
  return call(() => withPolicy(policy, (p) => raw.repeat_reply(handle(ticket, Ticket, "ticket"), specialistName, p)));
}
