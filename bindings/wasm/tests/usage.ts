// Type-checked by `tsc -p .` (strict): the package's types as a user sees them.
import { rules, version, type Rule, type Regulation } from "ticketry";

const v: string = version();
const list: Rule[] = rules();
const closing: Regulation = "closing";
const titles: string[] = list.filter((r) => r.regulation === closing).map((r) => `${r.id} ${r.title_ru}`);
export const summary: string = `${v}: ${titles.length}`;
