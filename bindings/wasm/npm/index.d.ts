/**
 * ticketry: the PASS24.online support regulation as code.
 *
 * The rules live in the Rust core; this package is a thin WebAssembly binding:
 * it translates values and errors, and writes no rule, default or threshold of
 * its own.
 *
 * Conventions:
 * - **Data objects use the core's JSON names** (snake_case): commands, ticket
 *   state, events, unmet rules (`message_en`, `message_ru`), policies,
 *   checklist items, transitions. What you pass in is what the core's JSON
 *   reads; what you get back is what it writes. Method and option names are
 *   JavaScript's camelCase (`whyBlocked`, `expectedVersion`).
 * - **Times** (instants) are accepted as a `Date` or an RFC 3339 string
 *   (`"2025-03-03T09:00:00Z"`, `"2025-03-03T12:00:00+03:00"`), and returned
 *   as RFC 3339 UTC strings as the core writes them (`"2025-03-03T09:00:00Z"`),
 *   which `new Date(text)` reads.
 * - **Calendar days** are accepted as `"YYYY-MM-DD"` strings or a `Date` (its
 *   UTC day: use `new Date(Date.UTC(y, m, d))`), and returned as `"YYYY-MM-DD"`.
 * - **Errors** are {@link TicketryError} subclasses with the core's stable `code`;
 *   wrong JS types, malformed JSON and missing fields give {@link InvalidInput}
 *   (naming the field) or the error of the parser concerned.
 * - **Memory**: `Ticket`, `Archive`, `Policy` and `Calendar` own WebAssembly memory. Call
 *   `free()` (or `using t = …` where supported: they implement
 *   `Symbol.dispose`) when done; otherwise the memory is released when the
 *   object is garbage-collected (wasm-bindgen registers every object with a
 *   `FinalizationRegistry`), at a time the engine chooses. A freed object
 *   throws a `TicketryError` with code `"freed"`; `free()` twice is harmless.
 */

// ------------------------------------------------------------------ values

/** An instant: a `Date` or an RFC 3339 string. */
export type TimeInput = Date | string;
/** A calendar day: `"YYYY-MM-DD"` or a `Date` (its UTC day). */
export type DateInput = Date | string;
/** An instant as the core writes it: an RFC 3339 UTC string. */
export type Time = string;
/** A calendar day as the core writes it: `"YYYY-MM-DD"`. */
export type DateString = string;

/** Which regulation text a rule comes from. */
export type Regulation = "repeat" | "closing";

/** A numbered rule of the regulation (RULES.md). */
export interface Rule {
  /** The rule ID, e.g. "CLS-R1". */
  readonly id: string;
  /** The regulation text it comes from. */
  readonly regulation: Regulation;
  /** A short English title. */
  readonly title_en: string;
  /** A short Russian title, in the regulation's words. */
  readonly title_ru: string;
}

/** Where a ticket is in its lifecycle. */
export type Status =
  | "in_work"
  | "awaiting_update"
  | "verified"
  | "awaiting_confirmation"
  | "confirmation_reminded"
  | "confirmed"
  | "closed";

/** A status with its labels. */
export interface StatusInfo {
  status: Status;
  label_en: string;
  label_ru: string;
  /** Whether a ticket in this status is open. */
  open: boolean;
}

/** The name of a command (a row of the transition table). */
export type CommandName =
  | "open"
  | "log_message"
  | "add_diagnostic"
  | "log_work"
  | "record_question"
  | "answer_question"
  | "record_repeat_decision"
  | "link_ticket"
  | "remove_link"
  | "record_repeat_analysis"
  | "request_repeat_information"
  | "determine_cause"
  | "apply_repeat_solution"
  | "give_prevention_recommendations"
  | "confirm_recommendations_understood"
  | "record_documentation"
  | "check_completeness"
  | "record_knowledge_base_decision"
  | "require_product_update"
  | "confirm_product_update"
  | "verify_resolution"
  | "resume_work"
  | "request_confirmation"
  | "send_confirmation_reminder"
  | "record_confirmation"
  | "record_not_solved"
  | "send_final_notification"
  | "close"
  | "close_without_confirmation"
  | "reopen";

export type Priority = "low" | "normal" | "high" | "critical";
export type Role = "specialist" | "lead" | "client" | "system";
export type Direction = "to_client" | "from_client";
export type MessageKind =
  | "regular"
  | "update_instructions"
  | "confirmation_request"
  | "confirmation_reminder"
  | "confirmation"
  | "not_solved"
  | "final_notification"
  | "reopen_notice";
export type LinkKind = "repeat_of" | "related_to" | "continuation_of";
/** The type of a repeat (REP-T1..T4). */
export type RepeatType = "same_problem" | "related_problem" | "not_fully_resolved" | "new_problem_same_context";
/** Why a problem recurred (REP-C0..C4). */
export type RecurrenceCause = "not_yet_known" | "not_applied" | "not_fully_solved" | "new_problem" | "conditions_changed";
/** What was done about a repeat (REP-5, REP-S3). */
export type RepeatAction = "remind_earlier_solution" | "find_alternative" | "handle_as_new" | "adapt_solution";
/** Where the history was checked for earlier tickets (REP-1). */
export type HistoryCheck = "client_history" | "similar_solved" | "client_mention" | "keyword_search";
export type RepeatDecision = "repeat" | "not_repeat";
/** What changed in the client's conditions, and how the solution was adapted (REP-S3). */
export interface ConditionsChange {
  what_changed: string;
  adapted_solution: string;
}

/** A value of one of the repeat workflow's lists, with its labels (the core's names). */
export interface Labelled<Name extends string> {
  /** The stable name, as in JSON. */
  name: Name;
  /** The rule of the regulation that defines it. */
  rule: string | null;
  label_en: string;
  /** The label in Russian, as the regulation words it. */
  label_ru: string;
}
/** A repeat type (REP-T1..T4) with its labels. */
export interface RepeatTypeInfo extends Labelled<RepeatType> {
  /** Whether the type means the earlier problem itself came back (REP-T1, REP-T3): what REP-S1 groups. */
  same_problem: boolean;
}
/** A cause of recurrence (REP-C0..C4) with its labels. */
export interface RecurrenceCauseInfo extends Labelled<RecurrenceCause> {
  /** False for `not_yet_known`. */
  known: boolean;
}
/** The regulation's typical errors with repeat tickets (REP-ERR). */
export type TypicalError = "not_detected" | "cause_not_analyzed" | "not_linked" | "no_recommendations";
/** A typical error with its labels, its cause and remedy as the regulation's table words them. */
export interface TypicalErrorInfo extends Labelled<TypicalError> {
  cause_ru: string;
  remedy_ru: string;
}
/** What REP-S1 asks for a chronic problem. */
export type EscalationTask =
  | "deep_analysis"
  | "systemic_review"
  | "escalate"
  | "comprehensive_solution"
  | "regular_rechecks";
/** What REP-S2 asks for a client who keeps not applying solutions. */
export type SupportAction = "find_out_why" | "clearer_instructions" | "offer_help" | "train_client";

/** A chronic problem: one problem that recurred many times (REP-S1), as the core writes it. */
export interface ChronicProblem {
  /** Every ticket of the problem (a chain of same-problem repeats), oldest first. */
  tickets: string[];
  /** Those opened within the policy's window. */
  recent: string[];
  /** Those still open. */
  open: string[];
  /** The clients concerned. */
  clients: string[];
  /** The products concerned. */
  products: string[];
  /** The subject of the first ticket. */
  subject: string;
  first_opened_at: Time;
  last_opened_at: Time;
  /** What to do: the tasks in order, and when to re-check (business days of the policy's calendar). */
  escalation: { tasks: EscalationTask[]; rechecks: Time[] };
}

/** A client who keeps not applying solutions (REP-S2), as the core writes it. */
export interface ClientNotApplying {
  client_id: string;
  /** Their tickets within the window whose cause was "not applied", oldest first. */
  tickets: string[];
  /** What to do, in order. */
  actions: SupportAction[];
}

/** A link whose target is not in the archive. */
export interface DanglingLink {
  /** The ticket holding the link. */
  ticket: string;
  /** The id it links to. */
  target: string;
}

/** Who acted: recorded on every event. */
export interface Actor {
  /** A stable identifier (login, e-mail, service name). */
  id: string;
  role: Role;
  /** A display name, used in templates (the specialist's signature). */
  name?: string;
}

/** The facts a ticket starts with. */
export interface NewTicket {
  /** Trimmed; not empty, no whitespace, at most 128 characters. */
  id: string;
  client_id: string;
  contact_name: string;
  product: string;
  subject: string;
  description: string;
  /** The core's default when omitted. */
  priority?: Priority;
}

export interface SolutionDocumentation {
  problem_description: string;
  cause: string;
  applied_solution: string;
  recommendations: string;
  resources: string[];
  product_update?: string;
}

export type KnowledgeBaseDecision =
  | { kind: "article_created"; article: string }
  | { kind: "article_updated"; article: string }
  | { kind: "not_needed_typical" }
  | { kind: "not_needed_already_covered"; article: string };

/** A command with its payload: the core's JSON, `type` naming the command. */
export type Command =
  | ({ type: "open" } & NewTicket)
  | { type: "log_message"; direction: Direction; text: string; channel?: string }
  | { type: "add_diagnostic"; summary: string; details?: string }
  | { type: "log_work"; minutes: number; note?: string }
  | { type: "record_question"; text: string }
  | { type: "answer_question"; question_id: number; answer: string }
  | { type: "record_repeat_decision"; decision: RepeatDecision; checked: HistoryCheck[]; reason?: string }
  | {
      type: "link_ticket";
      target: string;
      kind: LinkKind;
      comment: string;
      repeat_type?: RepeatType;
      cause?: RecurrenceCause;
      target_opened_at?: TimeInput;
    }
  | { type: "remove_link"; target: string; kind: LinkKind; reason: string }
  | {
      type: "record_repeat_analysis";
      earlier: string;
      problem_description: string;
      applied_solution: string;
      result: string;
      time_to_resolve_minutes?: number;
      cause?: RecurrenceCause;
      notes?: string;
      earlier_opened_at?: TimeInput;
    }
  | { type: "request_repeat_information"; question: string }
  | { type: "determine_cause"; cause: RecurrenceCause; explanation: string }
  | { type: "apply_repeat_solution"; action: RepeatAction; description: string; conditions_change?: ConditionsChange }
  | { type: "give_prevention_recommendations"; how_to_avoid: string; if_it_recurs: string; additional?: string }
  | { type: "confirm_recommendations_understood"; note?: string }
  | ({ type: "record_documentation" } & SolutionDocumentation)
  | { type: "check_completeness"; diagnostics_apply: boolean }
  | { type: "record_knowledge_base_decision"; decision: KnowledgeBaseDecision }
  | { type: "require_product_update"; update: string; instructions: string }
  | { type: "confirm_product_update"; note?: string }
  | {
      type: "verify_resolution";
      system_works: boolean;
      all_aspects_solved: boolean;
      no_related_problems: boolean;
      note?: string;
    }
  | { type: "resume_work"; reason: string }
  /** Without `message`, the core renders its standard text. */
  | { type: "request_confirmation"; message?: string }
  | { type: "send_confirmation_reminder"; message?: string }
  | { type: "record_confirmation"; note?: string; further_questions?: string[] }
  | { type: "record_not_solved"; reason: string }
  /** Without `text`, the core renders CLS-TPL-N. */
  | { type: "send_final_notification"; text?: string }
  | { type: "close"; reason: string; result: string }
  | { type: "close_without_confirmation"; reason: string; result: string }
  | { type: "reopen"; reason: string; mistake_cause: string; client_notice: string; reported_by_client?: boolean };

/** One unmet rule: why a command is refused. */
export interface Unmet {
  /** The rule ID, e.g. "CLS-R2". */
  rule: string;
  /** A stable code, e.g. "not_confirmed" (new codes may be added). */
  code: string;
  /** The field at fault, as a path (`documentation.cause`, `questions[2]`), when there is one. */
  field?: string;
  message_en: string;
  message_ru: string;
}

/** Whether a command is possible now, and if not, why. */
export interface Availability {
  command: CommandName;
  allowed: boolean;
  unmet: Unmet[];
}

/** One applied command. */
export interface Event {
  /** From 1; equals the ticket's version after it. */
  seq: number;
  at: Time;
  actor: Actor;
  command: Command;
}

/** A ticket's serialised form. */
export interface EventLog {
  schema_version: number;
  events: Event[];
}

export interface Message {
  at: Time;
  by: string;
  direction: Direction;
  kind: MessageKind;
  text: string;
  channel?: string;
}
export interface DiagnosticEntry {
  at: Time;
  by: string;
  summary: string;
  details: string;
}
export interface WorkEntry {
  at: Time;
  by: string;
  minutes: number;
  note: string;
}
export interface Answer {
  at: Time;
  by: string;
  text: string;
}
export interface ClientQuestion {
  id: number;
  asked_at: Time;
  text: string;
  answer?: Answer;
}
export interface TicketLink {
  target: string;
  kind: LinkKind;
  comment: string;
  repeat_type?: RepeatType;
  cause: RecurrenceCause;
  target_opened_at: Time;
  at: Time;
  by: string;
}
export interface StepRecord {
  at: Time;
  by: string;
  note: string;
}
export interface DocumentationRecord {
  at: Time;
  by: string;
  documentation: SolutionDocumentation;
  stale: boolean;
}
export interface CompletenessRecord {
  at: Time;
  by: string;
  diagnostics_apply: boolean;
}
export interface KnowledgeBaseRecord {
  at: Time;
  by: string;
  decision: KnowledgeBaseDecision;
}
export interface ClosureProgress {
  verification?: StepRecord;
  confirmation_requested?: StepRecord;
  reminder?: StepRecord;
  confirmation?: StepRecord;
  documentation?: DocumentationRecord;
  completeness?: CompletenessRecord;
  knowledge_base?: KnowledgeBaseRecord;
  final_notification?: StepRecord;
}
export interface ProductUpdate {
  requested_at: Time;
  update: string;
  instructions: string;
  confirmed?: StepRecord;
}
export interface ReturnToWork {
  at: Time;
  by: string;
  from: Status;
  source: "specialist" | "client_not_solved" | "reopen";
  reason: string;
}
export interface ClosingRecord {
  at: Time;
  by: string;
  reason: string;
  result: string;
  without_confirmation: boolean;
}
export interface ReopenRecord {
  at: Time;
  by: string;
  reason: string;
  mistake_cause: string;
  client_notice: string;
  reported_by_client: boolean;
  undone_closing: ClosingRecord;
}

/** The repeat workflow's records (REP-1..7). */
export interface RepeatWork {
  decision?: { at: Time; by: string; decision: RepeatDecision; checked: HistoryCheck[]; reason: string };
  analyses?: {
    at: Time;
    by: string;
    earlier: string;
    problem_description: string;
    applied_solution: string;
    result: string;
    time_to_resolve_minutes?: number;
    cause: RecurrenceCause;
    notes: string;
  }[];
  information_requests?: { at: Time; by: string; question: string }[];
  cause?: { at: Time; by: string; cause: RecurrenceCause; explanation: string };
  actions?: { at: Time; by: string; action: RepeatAction; description: string; conditions_change?: ConditionsChange }[];
  prevention?: {
    at: Time;
    by: string;
    how_to_avoid: string;
    if_it_recurs: string;
    additional: string;
    understood?: StepRecord;
  };
}

/** A ticket's state (the core's `TicketState` JSON). */
export interface TicketState {
  id: string;
  client_id: string;
  contact_name: string;
  product: string;
  subject: string;
  description: string;
  priority: Priority;
  created_at: Time;
  created_by: string;
  status: Status;
  version: number;
  updated_at: Time;
  messages: Message[];
  diagnostics: DiagnosticEntry[];
  work_log: WorkEntry[];
  questions: ClientQuestion[];
  links: TicketLink[];
  product_updates: ProductUpdate[];
  returns_to_work: ReturnToWork[];
  closure: ClosureProgress;
  closing: ClosingRecord | null;
  reopens: ReopenRecord[];
  repeat: RepeatWork;
}

/** One row of the transition table. */
export interface Transition {
  command: CommandName;
  /** The statuses it may be applied in; empty for `open`. */
  from: Status[];
  /** Where it leads: `"same"` keeps the status. */
  to: "same" | { status: Status };
  /** The rules it implements or checks. */
  rules: string[];
  summary_en: string;
  summary_ru: string;
}

export type ChecklistStatus = "done" | "pending" | "not_applicable";

/** One evaluated item of CLS-CHK. */
export interface ChecklistItem {
  key: string;
  rule: string;
  title_ru: string;
  title_en: string;
  status: ChecklistStatus;
  explanation_ru: string;
  explanation_en: string;
}

export type DayKind =
  | "working"
  | "shortened"
  | "working_weekend"
  | "weekend"
  | "holiday"
  | "transferred_day_off";

/** An exception to the plain rule (Saturday and Sunday off). */
export interface SpecialDay {
  date: DateString;
  kind: DayKind;
  name?: string;
  /** For a transferred day off: the day it was moved from. */
  from?: DateString;
}

/** A calendar as the core's JSON. */
export interface CalendarJson {
  years: number[];
  days: SpecialDay[];
}

/** A policy as the core's JSON; every field may be omitted in input (the core's default then). */
export interface PolicyJson {
  /** CLS-S1: business days to wait after the repeated confirmation request. */
  confirmation_wait_business_days: number;
  team_signature: { ru: string; en: string };
  locale: "ru" | "en";
  /** An IANA time zone name (see {@link timeZones}). */
  time_zone: string;
  calendar: CalendarJson;
  /** The thresholds of the repeat workflow (REP-S1, REP-S2, REP-1). */
  repeat: RepeatPolicy;
  /** The weights and thresholds of repeat detection (REP-1). */
  detection: DetectionPolicy;
}

/** The ticket id format mentions are read in (the core's `ReferenceFormat`). */
export interface ReferenceFormat {
  /** What comes before the digits of a full id (`"T-"`). */
  prefix: string;
  min_digits: number;
  max_digits: number;
}

/**
 * The weights and thresholds of repeat detection (the core's
 * `DetectionPolicy`; its defaults and formula are in the core's docs). The
 * four weights sum to 1; an invalid value is an {@link InvalidPolicy} naming
 * `detection.<field>`.
 */
export interface DetectionPolicy {
  text_weight: number;
  same_client_weight: number;
  same_product_weight: number;
  /** Weight of recency; for a ticket of another client and product that is not mentioned, times `min(1, text / min_text_for_possible)`. */
  recency_weight: number;
  /** Days after which recency is one half. */
  recency_half_life_days: number;
  /** The least score of a ticket the client mentions. */
  reference_strength: number;
  likely_threshold: number;
  possible_threshold: number;
  /** Text similarity a repeat needs when the client does not mention it. */
  min_text_for_possible: number;
  /** Text similarity from which the same problem is suggested (REP-T1/T3). */
  same_problem_similarity: number;
  /** Text similarity from which a related problem is suggested (REP-T2). */
  related_similarity: number;
  /** The same problem again within this many days suggests REP-T3. */
  not_fully_resolved_days: number;
  max_candidates: number;
  /** Places kept for the client's own earlier tickets. */
  client_slots: number;
  /** The query is searched by at most this many of its most telling terms. */
  max_query_terms: number;
  /** Weight of a one-edit (typo) match; 0 turns typo tolerance off. */
  fuzzy_factor: number;
  bm25_k1: number;
  bm25_b: number;
  references: ReferenceFormat;
}

/** The values of the repeat workflow the regulation leaves to the team (the core's `RepeatPolicy`). */
export interface RepeatPolicy {
  /** Tickets of one problem within the window that make it chronic (REP-S1). */
  chronic_min_tickets: number;
  /** The REP-S1 window, in calendar days. */
  chronic_window_days: number;
  /** Business days between re-checks of a chronic problem. */
  recheck_interval_business_days: number;
  /** How many re-checks to schedule. */
  recheck_count: number;
  /** Tickets of one client with the cause "not applied" that call for REP-S2. */
  not_applying_min_tickets: number;
  /** The REP-S2 window, in calendar days. */
  not_applying_window_days: number;
  /** Whether closing any ticket needs the REP-1 decision. */
  require_decision_to_close: boolean;
}

/** Policy input: a partial policy JSON; `calendar` may be a {@link Calendar} (it serialises itself). */
export interface PolicyInput {
  confirmation_wait_business_days?: number;
  team_signature?: { ru?: string; en?: string };
  locale?: "ru" | "en";
  time_zone?: string;
  calendar?: CalendarJson | Calendar;
  repeat?: Partial<RepeatPolicy>;
  detection?: Partial<Omit<DetectionPolicy, "references">> & { references?: Partial<ReferenceFormat> };
}

/** A policy argument: a {@link Policy}, a policy object, or omitted for the core's defaults. */
export type PolicyArg = Policy | PolicyInput | undefined;

/** Who acts and when. */
export interface ActOptions {
  at: TimeInput;
  actor: Actor;
}

/** Options of {@link Ticket.apply}, {@link Ticket.check} and {@link Ticket.can}. */
export interface ApplyOptions extends ActOptions {
  /** The policy; the core's defaults when omitted. */
  policy?: PolicyArg;
  /** Apply only if the ticket is still at this version ({@link VersionConflict} otherwise). */
  expectedVersion?: number;
}

/** Options of {@link Ticket.can} with a command name: only the time is needed. */
export interface CanKindOptions {
  at: TimeInput;
  policy?: PolicyArg;
}

// ------------------------------------------------------------------ errors

/** The core's error, as JSON: `code` and the error's own fields. */
export interface ErrorJson {
  code: string;
  [field: string]: unknown;
}

/**
 * Base of every error of this package. `code` is the core's stable code;
 * `message` the core's full message. The core's own fields are properties of
 * the error, except the core's `message` field, which is `detail`.
 * `toJSON()` gives the core's error JSON unchanged.
 *
 * Codes: `refused`, `invalid_input`, `version_conflict`, `already_opened`,
 * `invalid_policy`, `template_value_missing`, `unsupported_schema_version`,
 * `malformed_log`, `invalid_event`, `empty_log`, `calendar_malformed_json`,
 * `calendar_malformed_xml`, `calendar_invalid_day`, `duplicate_ticket`,
 * `unknown_ticket`; from the binding itself:
 * `freed` (a freed object was used) and `internal` (never expected).
 */
export class TicketryError extends Error {
  readonly code: string;
  /** The core's detail message, when its error has one. */
  readonly detail?: string;
  toJSON(): ErrorJson;
}
/** The regulation forbids the command now (`refused`); nothing was applied. */
export class TransitionRefused extends TicketryError {
  readonly code: "refused";
  /** The refused command. */
  readonly command: CommandName;
  /** Every unmet rule, in the core's order. */
  readonly unmet: Unmet[];
}
/** A value is malformed, missing or of the wrong type (`invalid_input`). */
export class InvalidInput extends TicketryError {
  readonly code: "invalid_input";
  /** The field, as a path (`minutes`, `actor.role`, `at`); empty for the whole value. */
  readonly field: string;
  readonly detail: string;
}
/** The ticket changed since the caller read it (`version_conflict`). */
export class VersionConflict extends TicketryError {
  readonly code: "version_conflict";
  readonly expected: number;
  readonly actual: number;
}
/** `open` applied to an existing ticket (`already_opened`). */
export class AlreadyOpened extends TicketryError {
  readonly code: "already_opened";
}
/** A policy value is out of range or malformed (`invalid_policy`). */
export class InvalidPolicy extends TicketryError {
  readonly code: "invalid_policy";
  readonly field: string;
  readonly detail: string;
}
/** A template cannot be rendered (`template_value_missing`). */
export class TemplateValueMissing extends TicketryError {
  readonly code: "template_value_missing";
  readonly template:
    | "final_notification"
    | "solution_documentation"
    | "confirmation_request"
    | "confirmation_reminder"
    | "repeat_reply";
  /** Every missing value, by name. */
  readonly missing: string[];
}
/** An event log cannot be loaded; nothing is applied. */
export class LogError extends TicketryError {
  /**
   * The line of the JSON Lines text it is on, from 1 ({@link Archive.fromJSONLines}
   * only; the message then starts with `line N:`).
   */
  readonly line?: number;
}
export class UnsupportedSchemaVersion extends LogError {
  readonly code: "unsupported_schema_version";
  readonly found: number;
  readonly supported: number;
}
export class MalformedLog extends LogError {
  readonly code: "malformed_log";
  /** Where in the document (`events[3].command.reason`). */
  readonly path: string;
  readonly detail: string;
}
export class InvalidEvent extends LogError {
  readonly code: "invalid_event";
  /** The event's position in the log, from 0. */
  readonly index: number;
  readonly seq: number;
  /** Why the event is invalid (also the error's `cause`). */
  readonly error: TicketryError;
}
export class EmptyLog extends LogError {
  readonly code: "empty_log";
}
/** A calendar cannot be read. */
export class CalendarError extends TicketryError {}
export class CalendarMalformedJson extends CalendarError {
  readonly code: "calendar_malformed_json";
  readonly path: string;
  readonly detail: string;
}
export class CalendarMalformedXml extends CalendarError {
  readonly code: "calendar_malformed_xml";
  readonly line: number;
  readonly detail: string;
}
export class CalendarInvalidDay extends CalendarError {
  readonly code: "calendar_invalid_day";
  readonly date: string;
  readonly location: string;
  readonly detail: string;
}
/**
 * An archive operation failed on the archive itself: a ticket id it already
 * holds, or one it does not hold. (A refused or malformed command through the
 * archive throws the ticket's errors: {@link TransitionRefused},
 * {@link InvalidInput}, {@link VersionConflict}; a bad line of JSON Lines the
 * {@link LogError} of that line, with `line`.)
 */
export class ArchiveError extends TicketryError {}
/** The archive already holds a ticket with this id (`duplicate_ticket`). */
export class DuplicateTicket extends ArchiveError {
  readonly code: "duplicate_ticket";
  /** The ticket id. */
  readonly id: string;
}
/** The archive holds no ticket with this id (`unknown_ticket`). */
export class UnknownTicket extends ArchiveError {
  readonly code: "unknown_ticket";
  /** The ticket id. */
  readonly id: string;
}

// ------------------------------------------------------------------ classes

/** The values the regulation leaves to the team (the core's `Policy`). */
export class Policy {
  /**
   * A policy from a (partial) policy object or its JSON text; missing fields
   * take the core's defaults. Throws {@link InvalidPolicy}.
   */
  constructor(values?: PolicyInput | string);
  /** The core's defaults. */
  static default(): Policy;
  /** A policy from JSON text or a policy object. */
  static fromJSON(json: string | PolicyInput): Policy;
  /** The policy as the core's JSON. */
  toJSON(): PolicyJson;
  /** A copy of the policy's calendar. */
  readonly calendar: Calendar;
  /** Releases the WebAssembly memory now. */
  free(): void;
  [Symbol.dispose](): void;
}

/** A business-day calendar (the core's `Calendar`). */
export class Calendar {
  private constructor();
  /** The bundled Russian production calendar. */
  static russia(): Calendar;
  /** Saturday and Sunday off, no holidays. */
  static weekendsOnly(): Calendar;
  /** A calendar from the core's JSON (text or value). Throws {@link CalendarError}. */
  static fromJSON(json: string | CalendarJson): Calendar;
  /** A calendar from the xmlcalendar.ru XML format. Throws {@link CalendarError}. */
  static fromXmlcalendar(xml: string): Calendar;
  toJSON(): CalendarJson;
  /** Adds the other calendar's years (replacing these years' data); returns this calendar. */
  merge(other: Calendar): this;
  clone(): Calendar;
  /** The years the calendar has data for. */
  years(): number[];
  covers(year: number): boolean;
  /** The exceptions to the plain rule. */
  days(): SpecialDay[];
  dayKind(date: DateInput): DayKind;
  /** The holiday's name, or `undefined`. */
  holidayName(date: DateInput): string | undefined;
  isWorkingDay(date: DateInput): boolean;
  /** The day itself if it is a working day, else the next one. */
  nextWorkingDay(date: DateInput): DateString;
  /** `n` business days after `date` (never counting `date`). */
  addBusinessDays(date: DateInput, n: number): DateString;
  /** Business days in `(start, end]`. */
  businessDaysBetween(start: DateInput, end: DateInput): number;
  /** `n` business days after the instant `from`, counted in the IANA `timeZone`. */
  businessDeadline(from: TimeInput, n: number, timeZone: string): Time;
  free(): void;
  [Symbol.dispose](): void;
}

/** A ticket: its state and the events it is the fold of (the core's `Ticket`). */
export class Ticket {
  private constructor();
  /** Opens a ticket: the first event of its log. Throws {@link InvalidInput}. */
  static open(newTicket: NewTicket, options: ActOptions): Ticket;
  /** Replays an event log (JSON text or value); every event is checked. Throws {@link LogError}. */
  static fromJSON(log: string | EventLog): Ticket;
  /** Replays a list of events (the first must be `open`). Throws {@link LogError}. */
  static fromEvents(events: Event[]): Ticket;
  /**
   * Applies a command and returns its event. Throws {@link TransitionRefused}
   * with every unmet rule, {@link InvalidInput}, {@link VersionConflict} or
   * {@link AlreadyOpened}; on failure nothing changes.
   */
  apply(command: Command, options: ApplyOptions): Event;
  /** Checks a command as `apply` would, without applying it: throws what `apply` would throw. */
  check(command: Command, options: ApplyOptions): void;
  /**
   * Whether `apply` would accept the command; with a command name, whether
   * that kind of command is possible at `options.at`, whatever its payload.
   * Throws {@link InvalidInput} for a value that is not a command or a known name.
   */
  can(command: Command, options: ApplyOptions): boolean;
  can(command: CommandName, options: CanKindOptions): boolean;
  /** Every unmet rule of a kind of command at `at` (empty when possible). */
  whyBlocked(command: CommandName, at: TimeInput, policy?: PolicyArg): Unmet[];
  /** The commands the status allows, each with whether it is possible at `at`, and why not. */
  available(at: TimeInput, policy?: PolicyArg): Availability[];
  /** When closing with a mark becomes possible (CLS-S1), or `undefined` before the reminder. */
  markClosePossibleFrom(policy?: PolicyArg): Time | undefined;
  /** The ticket's identifier. */
  readonly id: string;
  /** The state: a fresh plain object on each read. */
  readonly state: TicketState;
  readonly status: Status;
  /** The number of events applied: pass it as `expectedVersion`. */
  readonly version: number;
  /** Every event, oldest first: a fresh array on each read. */
  readonly history: Event[];
  /**
   * The minutes of work logged (the core's `TicketState::handling_minutes`).
   * @example ticket.apply({ type: "log_work", minutes: 40 }, { at, actor }); ticket.handlingMinutes; // 40
   */
  readonly handlingMinutes: number;
  /** How many times the ticket was reopened, CLS-S3 (`TicketState::reopen_count`). @example ticket.reopenCount; // 0 */
  readonly reopenCount: number;
  /**
   * From opening to the verified resolution of the current round, in
   * milliseconds (`TicketState::time_to_resolve`), or `null` before
   * `verify_resolution`.
   * @example ticket.timeToResolveMs; // 14400000 (opened 06:00, verified 10:00)
   */
  readonly timeToResolveMs: number | null;
  /** Whether the ticket is a repeat: decided so (REP-1) or linked `repeat_of` (REP-3) (`TicketState::is_repeat`). @example ticket.isRepeat; // false */
  readonly isRepeat: boolean;
  /** Its `repeat_of` links, in link order (`TicketState::repeats_of`). @example ticket.repeatsOf.map((l) => l.target); // ["T-900"] */
  readonly repeatsOf: TicketLink[];
  /** Whether support wrote to the client at least once, CLS-4 (`TicketState::has_communication`). @example ticket.hasCommunication; // true */
  readonly hasCommunication: boolean;
  /** The client's questions still without an answer, CLS-R4 (`TicketState::unanswered_questions`). @example ticket.unansweredQuestions.map((q) => q.text); */
  readonly unansweredQuestions: ClientQuestion[];
  /** The solution documentation recorded in this round (CLS-3), or `null` (`TicketState::documentation`). @example ticket.documentation?.cause; */
  readonly documentation: SolutionDocumentation | null;
  /**
   * This ticket as a document for {@link Detector.upsert}: its opening data
   * and outcome (the core's `DetectionDoc::from_ticket`).
   * @example detector.upsert(ticket.detectionDoc());
   */
  detectionDoc(): DetectionDocJson;
  /**
   * The detection query for this (opened) ticket: only earlier tickets are
   * candidates (the core's `DetectionQuery::from_ticket`).
   * @example detector.detect(ticket.detectionQuery());
   */
  detectionQuery(): DetectionQueryJson;
  /**
   * The `record_repeat_analysis` command for a later ticket repeating this
   * one, pre-filled from this ticket's documentation and closing (REP-2; the
   * core's `RecordRepeatAnalysis::from_earlier`): add your `notes` and `cause`
   * and apply it to the later ticket.
   * @example archive.apply("T-950", earlier.repeatAnalysis(), { at, actor });
   */
  repeatAnalysis(): RepeatAnalysisCommand;
  /** The event log (so `JSON.stringify(ticket)` writes it). */
  toJSON(): EventLog;
  /** The event log as the core's JSON text. */
  toJSONString(): string;
  clone(): Ticket;
  /** Whether two tickets have equal state and history. */
  equals(other: Ticket): boolean;
  /** Releases the WebAssembly memory now. */
  free(): void;
  [Symbol.dispose](): void;
}

/**
 * Many tickets, indexed by id, by client and by link (the core's `Archive`).
 * Commands applied through the archive see every ticket in it, so a link to
 * an unknown or a later ticket is refused (REP-3). Tickets go in and come out
 * as **copies**: `get` gives a snapshot, and changing it does not change the
 * archive; change tickets through {@link Archive.apply}. History queries give
 * ticket ids (look them up with {@link Archive.get}); an id the archive does
 * not hold gives an empty list, not an error.
 */
export class Archive implements Iterable<Ticket> {
  /** An empty archive. */
  constructor();
  /** An archive of copies of these tickets. Throws {@link DuplicateTicket}. */
  static fromTickets(tickets: Iterable<Ticket>): Archive;
  /**
   * Reads JSON Lines: one event log (`{"schema_version": 1, "events": [...]}`)
   * per line; blank lines are skipped. The first bad line stops the read: a
   * {@link LogError} with its `line` (from 1), or {@link DuplicateTicket}.
   */
  static fromJSONLines(text: string): Archive;
  /** The archive as JSON Lines, one event log per line, in the order the tickets were added. */
  toJSONLines(): string;
  /** How many tickets it holds. */
  readonly size: number;
  has(id: string): boolean;
  /** Every ticket id, in the order the tickets were added. */
  ids(): string[];
  /** A copy of the ticket, or `undefined`. */
  get(id: string): Ticket | undefined;
  /** Copies of every ticket, in the order they were added. */
  [Symbol.iterator](): Iterator<Ticket>;
  /** Adds a copy of a ticket with its history (its links are facts, not re-judged). Throws {@link DuplicateTicket}. */
  insert(ticket: Ticket): this;
  /** Opens a new ticket in the archive; returns a copy of it. Throws {@link DuplicateTicket} or {@link InvalidInput}. */
  open(newTicket: NewTicket, options: ActOptions): Ticket;
  /**
   * Applies a command to a ticket of the archive, links checked against the
   * archive (REP-3); returns the event. Throws {@link UnknownTicket}, or what
   * {@link Ticket.apply} throws; on failure nothing changes.
   */
  apply(id: string, command: Command, options: ApplyOptions): Event;
  /** The client's tickets, oldest first. */
  clientHistory(clientId: string): string[];
  /** The same client's tickets opened before this one, newest first: the first place REP-1 looks. */
  earlierClientTickets(id: string): string[];
  /** The tickets that link to this one (any kind of link), oldest first. */
  linkedFrom(id: string): string[];
  /** Every ticket connected to this one by `repeat_of` links, either way, oldest first (itself included). */
  repeatChain(id: string): string[];
  /** Links whose target is not in the archive. */
  danglingLinks(): DanglingLink[];
  /** REP-S1: the problems that recurred often enough within the policy's window before `at`, most recent first. */
  chronicProblems(at: TimeInput, policy?: PolicyArg): ChronicProblem[];
  /** REP-S1 for one ticket: the chronic problem it belongs to, or `null`. */
  chronicProblemOf(id: string, at: TimeInput, policy?: PolicyArg): ChronicProblem | null;
  /** REP-S2: clients with enough tickets caused by not applying the solution within the policy's window before `at`. */
  clientsNotApplyingSolutions(at: TimeInput, policy?: PolicyArg): ClientNotApplying[];
  /**
   * REP-1: the earlier tickets a new ticket likely repeats, best first, with
   * the policy's detection settings; each candidate also tells how its ticket
   * was solved (`solution`), when the archive knows it.
   */
  detect(query: DetectionQuery, policy?: PolicyArg): Detection;
  clone(): Archive;
  /** Releases the WebAssembly memory now (the tickets it gave out are copies and stay usable). */
  free(): void;
  [Symbol.dispose](): void;
}

// ------------------------------------------------------------------ detection

/** Whether and how an earlier ticket was solved. */
export type Outcome = "open" | "solved" | "closed_without_confirmation" | "reopened";
/** Whether a candidate is a repeat, by the policy's thresholds. */
export type Decision = "not_a_repeat" | "possible_repeat" | "likely_repeat";
/** Why a mentioned id does not count. */
export type IgnoredBecause = "unknown" | "not_earlier" | "itself";

/** What the detector indexes of an earlier ticket (the core's `DetectionDoc`). */
export interface DetectionDoc {
  id: string;
  client_id: string;
  /** Its product or context. */
  product: string;
  opened_at: TimeInput;
  subject: string;
  description: string;
  /** `"open"` when omitted. */
  outcome?: Outcome;
}

/** The new ticket detection looks for repeats of (the core's `DetectionQuery`). */
export interface DetectionQuery {
  /** Its id, when it has one (it is never its own candidate). */
  id?: string | null;
  client_id: string;
  product?: string;
  /** Only tickets opened strictly before count. */
  opened_at: TimeInput;
  subject?: string;
  description?: string;
}

/** A {@link DetectionDoc} as the core writes it: every field set, `opened_at` an RFC 3339 UTC string. */
export interface DetectionDocJson extends DetectionDoc {
  opened_at: Time;
  outcome: Outcome;
}

/** A {@link DetectionQuery} as the core writes it: `id` set (or `null`), `opened_at` an RFC 3339 UTC string. */
export interface DetectionQueryJson extends DetectionQuery {
  id: string | null;
  product: string;
  opened_at: Time;
  subject: string;
  description: string;
}

/** The `record_repeat_analysis` command (REP-2) as {@link Ticket.repeatAnalysis} writes it. */
export type RepeatAnalysisCommand = Extract<Command, { type: "record_repeat_analysis" }>;

/** A ticket the client mentions, with the words that mention it. */
export interface Reference {
  id: string;
  field: "subject" | "description";
  /** Byte offset of the mention in the UTF-8 text of that field. */
  start: number;
  /** Byte offset just past it. */
  end: number;
  /** The mention as written. */
  text: string;
}

/** A mention found by {@link findReferences}: byte offsets in the UTF-8 text. */
export interface FoundReference {
  id: string;
  start: number;
  end: number;
  text: string;
}

/** The evidence behind a candidate. */
export interface Signals {
  same_client: boolean;
  /** The client mentions it, or `null`. */
  reference: Reference | null;
  /** In `[0, 1]`. */
  text_similarity: number;
  /** The new ticket's words found in it, as written, most telling first. */
  shared_terms: string[];
  same_product: boolean;
  /** Days between the two openings. */
  days_before: number;
  /** `0.5^(days / half_life)`. */
  recency: number;
  outcome: Outcome;
}

/** What each signal added to the score. */
export interface Contributions {
  text: number;
  same_client: number;
  same_product: number;
  recency: number;
  reference: number;
}

/** An earlier ticket the new one may repeat. */
export interface Candidate {
  id: string;
  /** In `[0, 1]`. */
  score: number;
  decision: Decision;
  signals: Signals;
  contributions: Contributions;
  /** The repeat type the evidence suggests (REP-T1..T4). */
  suggested_type: RepeatType;
  /** In `[0, 1]`. */
  type_confidence: number;
  /** How the earlier ticket was solved ({@link Archive.detect} only, when known). */
  solution?: string;
}

/** What detection found for one new ticket. */
export interface Detection {
  /** Best first, at most `max_candidates`. */
  candidates: Candidate[];
  /** The best candidate's decision (`not_a_repeat` without candidates). */
  decision: Decision;
  /** Mentioned ids that do not count, and why. */
  ignored_references: [Reference, IgnoredBecause][];
}

/** The detection index cannot take more tickets (code `index_full`). */
export class IndexFull extends TicketryError {}

/**
 * The incremental repeat-detection index (the core's `Detector`), for
 * tickets kept outside an {@link Archive} (an archive keeps its own: use
 * {@link Archive.detect}). Bad documents and queries throw
 * {@link InvalidInput} naming the field (`doc.opened_at`, `query.client_id`).
 */
export class Detector {
  /** An empty index. */
  constructor();
  /** An index over these documents (upserted in order). */
  static fromDocs(docs: Iterable<DetectionDoc>): Detector;
  /** Adds a ticket, or replaces the one with the same id. Throws {@link IndexFull}. */
  upsert(doc: DetectionDoc): this;
  /**
   * Updates an indexed ticket's outcome (after a close or a reopen) without
   * re-indexing its text; false when the ticket is not indexed.
   * @throws {InvalidInput} for a bad id or an unknown outcome.
   */
  setOutcome(id: string, outcome: Outcome): boolean;
  /** Removes a ticket; false when it was not indexed. */
  remove(id: string): boolean;
  has(id: string): boolean;
  /** How many tickets it indexes. */
  readonly size: number;
  /** Drops what removed tickets left behind (also done by itself). */
  compact(): this;
  /** An estimate of the index's memory inside the WebAssembly module, in bytes. */
  heapBytes(): number;
  /** The earlier tickets the query likely repeats, best first, explained (REP-1). */
  detect(query: DetectionQuery, policy?: PolicyArg): Detection;
  /** Text similarity of two texts in `[0, 1]`, weighted by how rare each word is in this index. */
  textSimilarity(a: string, b: string): number;
  free(): void;
  [Symbol.dispose](): void;
}

/**
 * The ticket ids a text mentions explicitly («как в заявке №10234» →
 * `T-10234`), in the policy's id format (`detection.references`).
 */
export function findReferences(text: string, policy?: PolicyArg): FoundReference[];
/**
 * The detection query for a ticket being opened at `at`, before it exists
 * (the core's `DetectionQuery::from_new`): its id, client, product, subject
 * and description. Throws {@link InvalidInput} for a bad new ticket or time.
 * @example
 * const found = detector.detect(detectionQuery(newTicket, new Date()));
 */
export function detectionQuery(newTicket: NewTicket, at: TimeInput): DetectionQueryJson;

// ------------------------------------------------------------------ functions

/** The library's version. */
export function version(): string;
/** Every rule of the regulation, in the order of RULES.md. */
export function rules(): Rule[];
/** The core's fixed limits. */
export interface Limits {
  /** The `schema_version` of every event log the package writes and reads. */
  schema_version: number;
  /** The longest ticket or client id, in characters (longer is an `InvalidInput`). */
  max_id_chars: number;
  /** The business days a policy may wait for the client's confirmation (CLS-S1), `[min, max]`. */
  confirmation_wait_days: [number, number];
}
/**
 * The core's fixed limits.
 *
 * ```js
 * limits().max_id_chars; // 128
 * ```
 */
export function limits(): Limits;
/** The transition table, one row per command, in table order. */
export function transitions(): Transition[];
/** Every status in lifecycle order, with labels. */
export function statuses(): StatusInfo[];
/** The Mermaid state diagram of the closure process. */
export function mermaidDiagram(): string;
/**
 * The IANA time zones this build holds, sorted. To keep the package small the
 * npm build holds every zone of Russia (Europe/Kaliningrad to Asia/Anadyr),
 * the CIS countries' zones, the fixed offsets `Etc/*` (`Etc/GMT-3` is UTC+3),
 * `UTC` and `GMT`; any other zone (`Europe/Berlin`) is refused with an error
 * that says so ({@link InvalidPolicy} on `time_zone`, {@link InvalidInput} on
 * `timeZone`).
 */
export function timeZones(): string[];
/** CLS-CHK, the closing checklist of a ticket (times in the policy's zone). */
export function closingChecklist(ticket: Ticket, policy?: PolicyArg): ChecklistItem[];
/** CLS-TPL-N, the final notification. Throws {@link TemplateValueMissing}. */
export function finalNotification(ticket: Ticket, specialistName: string, policy?: PolicyArg): string;
/** CLS-TPL-D, the solution documentation. Throws {@link TemplateValueMissing}. */
export function solutionDocumentation(ticket: Ticket, closingTime: TimeInput, policy?: PolicyArg): string;
/** The standard confirmation request (CLS-2), or with `reminder` the repeated one (CLS-S1). */
export function confirmationRequest(ticket: Ticket, reminder: boolean, policy?: PolicyArg): string;
/** REP-CHK, the repeat checklist of a ticket (items 2-8 not applicable to a ticket decided not to be a repeat). */
export function repeatChecklist(ticket: Ticket, policy?: PolicyArg): ChecklistItem[];
/**
 * REP-TPL, the reply to a repeat ticket. Throws {@link TemplateValueMissing}
 * naming every missing value (`earlier_ids`, `analysis`, `solution`, `prevention`…).
 */
export function repeatReply(ticket: Ticket, specialistName: string, policy?: PolicyArg): string;
/** REP-5: the action a cause calls for; `null` for `not_yet_known` (determine the cause first, REP-4). */
export function recommendedAction(cause: RecurrenceCause): RepeatAction | null;
/** REP-ERR: the typical error an unmet rule amounts to, or `null`. */
export function typicalError(unmet: Unmet): TypicalError | null;
/** The repeat types (REP-T1..T4), in the regulation's order. */
export function repeatTypes(): RepeatTypeInfo[];
/** The decisions of repeat detection (REP-1), weakest first, with the core's labels. */
export function decisions(): Labelled<Decision>[];
/** An outcome with its labels. */
export interface OutcomeInfo extends Labelled<Outcome> {
  /** Whether the ticket is closed (`Outcome::is_closed`): solved or closed without confirmation. */
  closed: boolean;
}
/** The outcomes of an indexed ticket, with the core's labels (`rule` is null). */
export function outcomes(): OutcomeInfo[];
/** Why a mentioned id does not count, with the core's labels (`rule` is null). */
export function ignoredReasons(): Labelled<IgnoredBecause>[];
/** The causes of recurrence (REP-C0..C4). */
export function recurrenceCauses(): RecurrenceCauseInfo[];
/** The actions of REP-5 (and REP-S3). */
export function repeatActions(): Labelled<RepeatAction>[];
/** The checks of the history REP-1 asks for. */
export function historyChecks(): Labelled<HistoryCheck>[];
/** The typical errors (REP-ERR) with their cause and remedy. */
export function typicalErrors(): TypicalErrorInfo[];
/** What REP-S1 asks for a chronic problem. */
export function escalationTasks(): Labelled<EscalationTask>[];
/** What REP-S2 asks for a client who keeps not applying solutions. */
export function supportActions(): Labelled<SupportAction>[];
