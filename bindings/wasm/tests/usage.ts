// Type-checked by `tsc -p .` (strict): the package's types as a user sees them.
import {
  Calendar,
  InvalidInput,
  Policy,
  Ticket,
  TicketryError,
  TransitionRefused,
  VersionConflict,
  closingChecklist,
  confirmationRequest,
  finalNotification,
  mermaidDiagram,
  rules,
  solutionDocumentation,
  statuses,
  transitions,
  version,
  type Actor,
  type Availability,
  type ChecklistItem,
  type Command,
  type CommandName,
  type Event,
  type EventLog,
  type Regulation,
  type Rule,
  type Status,
  type TicketState,
  type Unmet,
} from "ticketry";

const v: string = version();
const list: Rule[] = rules();
const closing: Regulation = "closing";
const titles: string[] = list.filter((r) => r.regulation === closing).map((r) => `${r.id} ${r.title_ru}`);
export const summary: string = `${v}: ${titles.length}`;

const anna: Actor = { id: "anna", role: "specialist", name: "Анна Смирнова" };
const policy = new Policy({ confirmation_wait_business_days: 1, calendar: Calendar.russia() });
{
  using ticket = Ticket.open(
    {
      id: "T-1",
      client_id: "zhk-severny",
      contact_name: "Ирина Петрова",
      product: "PASS24 Шлагбаум",
      subject: "Не открывается шлагбаум",
      description: "Шлагбаум не реагирует на пропуска",
      priority: "high",
    },
    { at: new Date(Date.UTC(2025, 2, 3, 6)), actor: anna },
  );
  const work: Command = { type: "log_work", minutes: 40, note: "Перезапуск контроллера" };
  const event: Event = ticket.apply(work, { at: "2025-03-03T07:00:00Z", actor: anna, policy });
  const seq: number = event.seq;
  ticket.apply(
    { type: "verify_resolution", system_works: true, all_aspects_solved: true, no_related_problems: true },
    { at: "2025-03-03T08:00:00Z", actor: anna, expectedVersion: ticket.version },
  );
  const status: Status = ticket.status;
  const state: TicketState = ticket.state;
  const closedAt: string | undefined = state.closing?.at;
  const blocked: Unmet[] = ticket.whyBlocked("close", "2025-03-03T09:00:00Z", policy);
  const ru: string[] = blocked.map((u) => `${u.rule}: ${u.message_ru} ${u.field ?? ""}`);
  const names: CommandName[] = ticket.available(new Date(), { locale: "en" }).map((a: Availability) => a.command);
  const possible: boolean = ticket.can("request_confirmation", { at: "2025-03-03T09:00:00Z" });
  const items: ChecklistItem[] = closingChecklist(ticket, policy);
  const deadline: string | undefined = ticket.markClosePossibleFrom();
  const log: EventLog = ticket.toJSON();
  const copy: Ticket = Ticket.fromJSON(JSON.stringify(log));
  const same: boolean = copy.equals(Ticket.fromEvents(ticket.history));
  copy.free();
  try {
    ticket.apply({ type: "close", reason: "Решено", result: "Работает" }, { at: "2025-03-03T09:00:00Z", actor: anna });
  } catch (e) {
    if (e instanceof TransitionRefused) {
      const rulesHit: string[] = e.unmet.map((u) => u.rule);
      const cmd: CommandName = e.command;
      void [rulesHit, cmd];
    } else if (e instanceof VersionConflict) {
      const gap: number = e.actual - e.expected;
      void gap;
    } else if (e instanceof InvalidInput) {
      const field: string = e.field;
      void field;
    } else if (e instanceof TicketryError) {
      const code: string = e.code;
      void [code, e.toJSON().code];
    }
  }
  let text: string = confirmationRequest(ticket, false);
  try {
    text = finalNotification(ticket, "Анна Смирнова") + solutionDocumentation(ticket, new Date(), policy);
  } catch {
    text = "";
  }
  void [seq, status, closedAt, ru, names, possible, items, deadline, same, text];
}

const ru = Calendar.russia();
const working: boolean = ru.isWorkingDay("2025-01-07");
const next: string = ru.addBusinessDays(new Date(Date.UTC(2025, 3, 30)), 1);
const due: string = ru.businessDeadline("2025-12-30T07:00:00Z", 2, "Europe/Moscow");
const years: number[] = ru.merge(Calendar.weekendsOnly()).years();
const statusLabels: string[] = statuses().map((s) => s.label_ru);
const targets: string[] = transitions().map((t) => (t.to === "same" ? t.command : `${t.command} → ${t.to.status}`));
const diagram: string = mermaidDiagram();
ru.free();
policy.free();
export const all = [working, next, due, years, statusLabels, targets, diagram];

// ------------------------------------------------------------------ archive and repeat tickets
import {
  Archive,
  DuplicateTicket,
  LogError,
  UnknownTicket,
  escalationTasks,
  historyChecks,
  recommendedAction,
  recurrenceCauses,
  repeatActions,
  repeatChecklist,
  repeatReply,
  repeatTypes,
  supportActions,
  timeZones,
  typicalError,
  typicalErrors,
  type ChronicProblem,
  type ClientNotApplying,
  type DanglingLink,
  type EscalationTask,
  type NewTicket,
  type RecurrenceCause,
  type RepeatAction,
  type RepeatPolicy,
  type RepeatType,
  type SupportAction,
  type TypicalError,
  detectionQuery as fromNewQuery,
  type Outcome as DetectionOutcome,
} from "ticketry";

const opening = (id: string): NewTicket => ({
  id,
  client_id: "zhk-severny",
  contact_name: "Ирина Петрова",
  product: "PASS24 Шлагбаум",
  subject: "Не открывается шлагбаум",
  description: "Снова не работает",
});
const repeatPolicy: RepeatPolicy = new Policy({ repeat: { chronic_min_tickets: 2 } }).toJSON().repeat;
{
  using archive = new Archive();
  archive.open(opening("T-900"), { at: "2025-02-03T09:00:00Z", actor: anna }).free();
  using opened = archive.open(opening("T-950"), { at: "2025-03-03T09:00:00Z", actor: anna });
  const repeatType: RepeatType = "same_problem";
  const cause: RecurrenceCause = "not_applied";
  archive.apply(
    opened.id,
    { type: "record_repeat_decision", decision: "repeat", checked: ["client_history"], reason: "" },
    { at: "2025-03-03T09:10:00Z", actor: anna },
  );
  const linked: Event = archive.apply(
    "T-950",
    { type: "link_ticket", target: "T-900", kind: "repeat_of", comment: "снова", repeat_type: repeatType, cause },
    { at: "2025-03-03T09:20:00Z", actor: anna, policy: { repeat: { chronic_min_tickets: 2 } }, expectedVersion: 2 },
  );
  const chain: string[] = archive.repeatChain("T-950");
  const earlier: string[] = archive.earlierClientTickets("T-950");
  const from: string[] = archive.linkedFrom("T-900");
  const clientTickets: string[] = archive.clientHistory("zhk-severny");
  const dangling: DanglingLink[] = archive.danglingLinks();
  const chronic: ChronicProblem[] = archive.chronicProblems(new Date(), { repeat: repeatPolicy });
  const tasks: EscalationTask[] = chronic.flatMap((p) => p.escalation.tasks);
  const mine: ChronicProblem | null = archive.chronicProblemOf("T-950", "2025-03-04T00:00:00Z");
  const clients: ClientNotApplying[] = archive.clientsNotApplyingSolutions("2025-03-04T00:00:00Z");
  const help: SupportAction[] = clients.flatMap((c) => c.actions);
  const found: Ticket | undefined = archive.get("T-900");
  const subjects: string[] = [...archive].map((t) => t.state.subject);
  const lines: string = archive.toJSONLines();
  let count: number = archive.size;
  try {
    using back = Archive.fromJSONLines(lines);
    count += back.size + Archive.fromTickets([opened]).insert(opened.clone()).size;
  } catch (e) {
    if (e instanceof LogError) count = e.line ?? 0;
    else if (e instanceof DuplicateTicket || e instanceof UnknownTicket) void e.id;
  }
  const action: RepeatAction | null = recommendedAction(cause);
  const typical: TypicalError | null = typicalError(archive.get("T-950")?.whyBlocked("close", new Date())[0] ?? {
    rule: "REP-3",
    code: "not_linked",
    message_en: "",
    message_ru: "",
  });
  const items: ChecklistItem[] = opened.status === "closed" ? repeatChecklist(opened) : [];
  let reply = "";
  try {
    reply = repeatReply(opened, "Анна Смирнова", policy);
  } catch {
    reply = "";
  }
  const labels: string[] = [
    ...repeatTypes().map((t) => `${t.name} ${t.same_problem} ${t.label_ru}`),
    ...recurrenceCauses().map((c) => `${c.name} ${c.known}`),
    ...repeatActions().map((a) => a.label_ru),
    ...historyChecks().map((h) => h.rule ?? ""),
    ...typicalErrors().map((e) => `${e.cause_ru} ${e.remedy_ru}`),
    ...escalationTasks().map((t) => t.name),
    ...supportActions().map((a) => a.name),
    ...timeZones(),
  ];
  found?.free();
  void [linked, chain, earlier, from, clientTickets, dangling, tasks, mine, help, subjects, count, action, typical, items, reply, labels];
}

// Repeat detection (REP-1).
import { Archive as DetArchive, Detector, IndexFull, decisions, findReferences, ignoredReasons, outcomes, type Detection, type DetectionDoc, type DetectionQuery, type Decision, type IgnoredBecause, type Labelled, type Outcome, type PolicyJson } from "ticketry";
const docs: DetectionDoc[] = [
  { id: "T-100", client_id: "zhk-severny", product: "Шлагбаум", opened_at: "2025-03-03T09:00:00Z",
    subject: "Не открывается шлагбаум", description: "Шлагбаум не реагирует на пропуска", outcome: "solved" },
];
const detector = Detector.fromDocs(docs).upsert({ ...docs[0], id: "T-101", opened_at: new Date() });
const query: DetectionQuery = { client_id: "zhk-severny", opened_at: new Date(), subject: "Снова шлагбаум" };
const found: Detection = detector.detect(query, { detection: { likely_threshold: 0.7, references: { prefix: "T-" } } });
const decision: Decision = found.decision;
const best = found.candidates[0];
if (best) {
  const why: string[] = best.signals.shared_terms;
  const mention = best.signals.reference?.text ?? "";
  const solution: string | undefined = best.solution;
  void [best.id, best.score.toFixed(2), best.suggested_type, why, mention, solution, best.contributions.text];
}
for (const [ref, because] of found.ignored_references) void [ref.id, ref.field, because];
const similarity: number = detector.textSimilarity("a", "b");
const removed: boolean = detector.remove("T-101") && detector.has("T-100");
void [decision, similarity, removed, detector.compact().size, findReferences("заявка №10234")[0]?.id];
const viaArchive: Detection = new DetArchive().detect(query);
const detectionPolicy: PolicyJson["detection"] = new Policy().toJSON().detection;
void [viaArchive.candidates.length, detectionPolicy.max_candidates, IndexFull.prototype instanceof TicketryError];
const updated: boolean = detector.setOutcome("T-100", "reopened");
const bytes: number = detector.heapBytes();
const decisionLabels: Labelled<Decision>[] = decisions();
const outcomeNames: Outcome[] = outcomes().map((o) => o.name);
const ignoredRu: Record<IgnoredBecause, string> = Object.fromEntries(ignoredReasons().map((i) => [i.name, i.label_ru])) as Record<IgnoredBecause, string>;
void [updated, bytes, decisionLabels[0]?.label_ru, outcomeNames, ignoredRu.itself];
detector.free();

// Derived values, detection documents and queries (parity with the core).
{
  const t = Ticket.open({ id: "T-1", client_id: "c", contact_name: "n", product: "p", subject: "s", description: "d" },
    { at: new Date(), actor: { id: "anna", role: "specialist" } });
  const minutes: number = t.handlingMinutes + t.reopenCount;
  const ms: number | null = t.timeToResolveMs;
  const flags: boolean = t.isRepeat && t.hasCommunication;
  const targets: string[] = t.repeatsOf.map((l) => l.target);
  const open: number = t.unansweredQuestions.length;
  const cause: string | undefined = t.documentation?.cause;
  const doc: DetectionOutcome = t.detectionDoc().outcome;
  const q: string | null = t.detectionQuery().id;
  const a: string = t.repeatAnalysis().earlier;
  const fromNew: string = fromNewQuery({ id: "T-2", client_id: "c", contact_name: "n", product: "p", subject: "s", description: "d" }, new Date()).opened_at;
  void [minutes, ms, flags, targets, open, cause, doc, q, a, fromNew];
}
