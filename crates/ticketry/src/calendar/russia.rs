//! The Russian production calendar for 2024–2026, bundled as source.
//!
//! Facts of the government decrees on working days, as published in the
//! xmlcalendar format (`t=1` day off, `t=2` shortened day, `t=3` working
//! weekend day; `f` the date a day off was transferred from). Only the
//! exceptions to the Saturday/Sunday rule are listed.

/// What an exception day is.
#[derive(Clone, Copy)]
pub(super) enum Fact {
    /// A public holiday, with its name.
    Holiday(&'static str),
    /// A day off transferred from (month, day) of the same year.
    Transferred(u32, u32),
    /// A shortened working day.
    Shortened,
    /// A Saturday or Sunday worked.
    WorkingWeekend,
}

use Fact::*;

/// The years the bundled data covers.
pub(super) const YEARS: [i32; 3] = [2024, 2025, 2026];

/// (year, month, day, fact), in date order.
pub(super) const DAYS: &[(i32, u32, u32, Fact)] = &[
    (2024, 1, 1, Holiday("Новогодние каникулы")),
    (2024, 1, 2, Holiday("Новогодние каникулы")),
    (2024, 1, 3, Holiday("Новогодние каникулы")),
    (2024, 1, 4, Holiday("Новогодние каникулы")),
    (2024, 1, 5, Holiday("Новогодние каникулы")),
    (2024, 1, 6, Holiday("Новогодние каникулы")),
    (2024, 1, 7, Holiday("Рождество Христово")),
    (2024, 1, 8, Holiday("Новогодние каникулы")),
    (2024, 2, 22, Shortened),
    (2024, 2, 23, Holiday("День защитника Отечества")),
    (2024, 3, 7, Shortened),
    (2024, 3, 8, Holiday("Международный женский день")),
    (2024, 4, 27, WorkingWeekend),
    (2024, 4, 29, Transferred(4, 27)),
    (2024, 4, 30, Transferred(11, 2)),
    (2024, 5, 1, Holiday("Праздник Весны и Труда")),
    (2024, 5, 8, Shortened),
    (2024, 5, 9, Holiday("День Победы")),
    (2024, 5, 10, Transferred(1, 6)),
    (2024, 6, 11, Shortened),
    (2024, 6, 12, Holiday("День России")),
    (2024, 11, 2, Shortened),
    (2024, 11, 4, Holiday("День народного единства")),
    (2024, 12, 28, WorkingWeekend),
    (2024, 12, 30, Transferred(12, 28)),
    (2024, 12, 31, Transferred(1, 7)),
    (2025, 1, 1, Holiday("Новогодние каникулы")),
    (2025, 1, 2, Holiday("Новогодние каникулы")),
    (2025, 1, 3, Holiday("Новогодние каникулы")),
    (2025, 1, 4, Holiday("Новогодние каникулы")),
    (2025, 1, 5, Holiday("Новогодние каникулы")),
    (2025, 1, 6, Holiday("Новогодние каникулы")),
    (2025, 1, 7, Holiday("Рождество Христово")),
    (2025, 1, 8, Holiday("Новогодние каникулы")),
    (2025, 2, 23, Holiday("День защитника Отечества")),
    (2025, 3, 7, Shortened),
    (2025, 3, 8, Holiday("Международный женский день")),
    (2025, 4, 30, Shortened),
    (2025, 5, 1, Holiday("Праздник Весны и Труда")),
    (2025, 5, 2, Transferred(1, 4)),
    (2025, 5, 8, Transferred(2, 23)),
    (2025, 5, 9, Holiday("День Победы")),
    (2025, 6, 11, Shortened),
    (2025, 6, 12, Holiday("День России")),
    (2025, 6, 13, Transferred(3, 8)),
    (2025, 11, 1, Shortened),
    (2025, 11, 3, Transferred(11, 1)),
    (2025, 11, 4, Holiday("День народного единства")),
    (2025, 12, 31, Transferred(1, 5)),
    (2026, 1, 1, Holiday("Новогодние каникулы")),
    (2026, 1, 2, Holiday("Новогодние каникулы")),
    (2026, 1, 3, Holiday("Новогодние каникулы")),
    (2026, 1, 4, Holiday("Новогодние каникулы")),
    (2026, 1, 5, Holiday("Новогодние каникулы")),
    (2026, 1, 6, Holiday("Новогодние каникулы")),
    (2026, 1, 7, Holiday("Рождество Христово")),
    (2026, 1, 8, Holiday("Новогодние каникулы")),
    (2026, 1, 9, Transferred(1, 3)),
    (2026, 2, 23, Holiday("День защитника Отечества")),
    (2026, 3, 8, Holiday("Международный женский день")),
    (2026, 3, 9, Transferred(3, 8)),
    (2026, 4, 30, Shortened),
    (2026, 5, 1, Holiday("Праздник Весны и Труда")),
    (2026, 5, 8, Shortened),
    (2026, 5, 9, Holiday("День Победы")),
    (2026, 5, 11, Transferred(5, 9)),
    (2026, 6, 11, Shortened),
    (2026, 6, 12, Holiday("День России")),
    (2026, 11, 3, Shortened),
    (2026, 11, 4, Holiday("День народного единства")),
    (2026, 12, 31, Transferred(1, 4)),
];
