/**
 * ticketry: the PASS24.online support regulation as code.
 *
 * The rules live in the Rust core; this package is a thin WebAssembly binding.
 */

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

/** The library's version. */
export function version(): string;

/** Every rule of the regulation, in the order of RULES.md. */
export function rules(): Rule[];
