//! The numbered rules of the regulation, as values.
//!
//! Every rule of `RULES.md` (the numbered digest of the two regulation texts,
//! «Работа с повторными обращениями» and «Закрытие обращения») has a [`RuleId`].
//! Refusals, checklist items and conformance vectors all speak in these IDs, so
//! a support lead can trace any decision of the library back to the paragraph
//! of the regulation that demands it.
//!
//! ```
//! use ticketry::rules::RuleId;
//!
//! let rule: RuleId = "CLS-R2".parse()?;
//! assert_eq!(rule, RuleId::ClsR2);
//! assert_eq!(rule.as_str(), "CLS-R2");
//! assert_eq!(rule.title_en(), "the client confirmed the solution");
//! assert_eq!(rule.title_ru(), "Клиент подтвердил решение");
//! # Ok::<(), ticketry::rules::UnknownRuleId>(())
//! ```

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Which regulation text a rule comes from.
///
/// ```
/// use ticketry::rules::{Regulation, RuleId};
/// assert_eq!(RuleId::Cls7.regulation(), Regulation::Closing);
/// assert_eq!(RuleId::Rep3.regulation(), Regulation::Repeat);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Regulation {
    /// «Работа с повторными обращениями»: repeat tickets (REP rules).
    Repeat,
    /// «Закрытие обращения»: closing a ticket (CLS rules).
    Closing,
}

macro_rules! rule_ids {
    ($( $(#[$doc:meta])* $variant:ident = $id:literal, $reg:ident, $en:literal, $ru:literal; )*) => {
        /// A rule of the regulation, by its ID in `RULES.md`.
        ///
        /// Serialises as the ID string (`"CLS-R1"`), parses from it with
        /// [`str::parse`], and carries a short English and Russian title.
        ///
        /// ```
        /// use ticketry::rules::RuleId;
        /// let json = serde_json::to_string(&RuleId::ClsS1).unwrap();
        /// assert_eq!(json, "\"CLS-S1\"");
        /// assert_eq!(RuleId::ALL.len(), 41);
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum RuleId {
            $( $(#[$doc])* #[serde(rename = $id)] $variant, )*
        }

        impl RuleId {
            /// Every rule, in the order of `RULES.md`.
            ///
            /// ```
            /// assert_eq!(ticketry::rules::RuleId::ALL[0].as_str(), "REP-T1");
            /// ```
            pub const ALL: &'static [RuleId] = &[ $( RuleId::$variant, )* ];

            /// The rule's ID as written in `RULES.md`, e.g. `"CLS-R1"`.
            ///
            /// ```
            /// assert_eq!(ticketry::rules::RuleId::RepLinkAll.as_str(), "REP-LINKALL");
            /// ```
            pub const fn as_str(self) -> &'static str {
                match self { $( RuleId::$variant => $id, )* }
            }

            /// The regulation text the rule comes from.
            ///
            /// ```
            /// use ticketry::rules::{Regulation, RuleId};
            /// assert_eq!(RuleId::ClsTplN.regulation(), Regulation::Closing);
            /// ```
            pub const fn regulation(self) -> Regulation {
                match self { $( RuleId::$variant => Regulation::$reg, )* }
            }

            /// A short English title of the rule.
            ///
            /// ```
            /// assert_eq!(ticketry::rules::RuleId::Cls3.title_en(), "document the solution");
            /// ```
            pub const fn title_en(self) -> &'static str {
                match self { $( RuleId::$variant => $en, )* }
            }

            /// A short Russian title of the rule, in the regulation's words.
            ///
            /// ```
            /// assert_eq!(ticketry::rules::RuleId::Cls3.title_ru(), "Документирование решения");
            /// ```
            pub const fn title_ru(self) -> &'static str {
                match self { $( RuleId::$variant => $ru, )* }
            }
        }

        impl FromStr for RuleId {
            type Err = UnknownRuleId;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s.trim() {
                    $( $id => Ok(RuleId::$variant), )*
                    other => Err(UnknownRuleId(other.to_owned())),
                }
            }
        }
    };
}

rule_ids! {
    /// Same problem again.
    RepT1 = "REP-T1", Repeat, "same problem again", "Повторение той же проблемы";
    /// Related problem.
    RepT2 = "REP-T2", Repeat, "related problem", "Связанная проблема";
    /// The previous solution only partly solved it.
    RepT3 = "REP-T3", Repeat, "problem was not fully resolved", "Проблема не была решена полностью";
    /// New problem in the same product or system.
    RepT4 = "REP-T4", Repeat, "new problem in the same context", "Новая проблема в том же контексте";
    /// Recurrence cause not yet known.
    RepC0 = "REP-C0", Repeat, "cause not yet known", "Причина ещё не определена";
    /// The client did not apply the solution.
    RepC1 = "REP-C1", Repeat, "the client did not apply the solution", "Клиент не применил решение";
    /// The solution did not solve the problem fully.
    RepC2 = "REP-C2", Repeat, "the solution did not solve the problem fully", "Решение не решило проблему полностью";
    /// A new problem arose in the same context.
    RepC3 = "REP-C3", Repeat, "a new problem arose", "Возникла новая проблема";
    /// The conditions of use changed.
    RepC4 = "REP-C4", Repeat, "the conditions of use changed", "Изменились условия использования";
    /// Step 1: detect a repeat ticket.
    Rep1 = "REP-1", Repeat, "detect the repeat ticket", "Выявление повторного обращения";
    /// Step 2: analyse the earlier tickets.
    Rep2 = "REP-2", Repeat, "analyse the earlier tickets", "Анализ предыдущих обращений";
    /// Step 3: link the tickets.
    Rep3 = "REP-3", Repeat, "link the tickets", "Связывание обращений";
    /// Step 4: determine the cause.
    Rep4 = "REP-4", Repeat, "determine the cause of recurrence", "Определение причины повторения";
    /// Step 5: apply the solution.
    Rep5 = "REP-5", Repeat, "apply the solution", "Применение решения";
    /// Step 6: ensure full resolution.
    Rep6 = "REP-6", Repeat, "ensure full resolution", "Обеспечение полного решения";
    /// Step 7: prevent recurrence.
    Rep7 = "REP-7", Repeat, "prevent recurrence", "Предотвращение повторения";
    /// The problem repeats many times.
    RepS1 = "REP-S1", Repeat, "chronic problem", "Проблема повторяется многократно";
    /// The client does not apply solutions.
    RepS2 = "REP-S2", Repeat, "the client does not apply solutions", "Клиент не применяет решения";
    /// The solution no longer works under new conditions.
    RepS3 = "REP-S3", Repeat, "the solution does not work in new conditions", "Решение не работает в новых условиях";
    /// The reply template for a repeat ticket.
    RepTpl = "REP-TPL", Repeat, "repeat ticket reply template", "Шаблон ответа на повторное обращение";
    /// Every related ticket is linked.
    RepLinkAll = "REP-LINKALL", Repeat, "link every related ticket", "Связывать все связанные обращения";
    /// The repeat ticket checklist.
    RepChk = "REP-CHK", Repeat, "repeat ticket checklist", "Контрольный чек-лист повторного обращения";
    /// Typical errors with repeat tickets.
    RepErr = "REP-ERR", Repeat, "typical repeat ticket errors", "Типичные ошибки при работе с повторными обращениями";
    /// Readiness: solved and verified.
    ClsR1 = "CLS-R1", Closing, "the problem is fully solved and verified", "Проблема решена";
    /// Readiness: the client confirmed.
    ClsR2 = "CLS-R2", Closing, "the client confirmed the solution", "Клиент подтвердил решение";
    /// Readiness: the solution is documented.
    ClsR3 = "CLS-R3", Closing, "the solution is documented", "Решение задокументировано";
    /// Readiness: every client question answered.
    ClsR4 = "CLS-R4", Closing, "every client question is answered", "Все вопросы клиента обработаны";
    /// Step 1: verify the solution.
    Cls1 = "CLS-1", Closing, "verify the solution", "Проверка решения проблемы";
    /// Step 2: get the client's confirmation.
    Cls2 = "CLS-2", Closing, "get the client's confirmation", "Получение подтверждения от клиента";
    /// Step 3: document the solution.
    Cls3 = "CLS-3", Closing, "document the solution", "Документирование решения";
    /// Step 4: check completeness.
    Cls4 = "CLS-4", Closing, "check the information is complete", "Проверка полноты информации";
    /// Step 5: knowledge base decision.
    Cls5 = "CLS-5", Closing, "update the knowledge base where it applies", "Обновление базы знаний (если применимо)";
    /// Step 6: final notification.
    Cls6 = "CLS-6", Closing, "send the final notification", "Финальное уведомление клиента";
    /// Step 7: close in the system.
    Cls7 = "CLS-7", Closing, "close the ticket in the system", "Закрытие обращения в системе";
    /// No confirmation from the client.
    ClsS1 = "CLS-S1", Closing, "the client did not confirm", "Клиент не подтвердил решение";
    /// The solution needs a product update.
    ClsS2 = "CLS-S2", Closing, "the solution needs a product update", "Решение требует обновления продукта";
    /// Closed by mistake: reopen.
    ClsS3 = "CLS-S3", Closing, "closed by mistake: reopen", "Обращение закрыто по ошибке";
    /// The final notification template.
    ClsTplN = "CLS-TPL-N", Closing, "final notification template", "Шаблон финального уведомления клиента";
    /// The solution documentation template.
    ClsTplD = "CLS-TPL-D", Closing, "solution documentation template", "Шаблон документирования решения";
    /// The closing checklist.
    ClsChk = "CLS-CHK", Closing, "closing checklist", "Контрольный чек-лист закрытия";
    /// Typical closing errors.
    ClsErr = "CLS-ERR", Closing, "typical closing errors", "Типичные ошибки при закрытии";
}

/// The text given to [`RuleId::from_str`] is not a rule ID of `RULES.md`.
///
/// ```
/// let err = "CLS-99".parse::<ticketry::rules::RuleId>().unwrap_err();
/// assert_eq!(err.to_string(), "unknown rule ID `CLS-99`");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown rule ID `{0}`")]
pub struct UnknownRuleId(pub String);

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_id_round_trips_through_text_and_json() {
        for &rule in RuleId::ALL {
            assert_eq!(rule.as_str().parse::<RuleId>(), Ok(rule));
            let json = serde_json::to_string(&rule).unwrap();
            assert_eq!(json, format!("\"{}\"", rule.as_str()));
            assert!(!rule.title_en().is_empty() && !rule.title_ru().is_empty());
        }
    }

    #[test]
    fn ids_are_unique() {
        let mut ids: Vec<&str> = RuleId::ALL.iter().map(|r| r.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), RuleId::ALL.len());
    }
}
