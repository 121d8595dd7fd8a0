//! Business days: weekends, holidays, transferred days off and working weekends.
//!
//! The closing regulation lets support close a ticket "with a mark" once the
//! client has not answered the repeated confirmation request for 1–2
//! **business days** (CLS-S1). In Russia business days follow the production
//! calendar (производственный календарь): public holidays, days off moved by
//! government decree, shortened pre-holiday days, and Saturdays or Sundays
//! that are worked in exchange.
//!
//! A [`Calendar`] is the plain rule (Saturday and Sunday off, every other day
//! working) plus a list of *exceptions* to it, for the years it has data for.
//! [`Calendar::russia`] bundles the Russian production calendar for 2024, 2025
//! and 2026, written into this crate's source: nothing is read at run time,
//! so the calendar works the same in a browser (WebAssembly) as on a server.
//! More years come from the [xmlcalendar](http://xmlcalendar.ru) XML format
//! ([`Calendar::from_xmlcalendar`]) or from this type's own JSON
//! ([`Calendar::from_json`]), and are added with [`Calendar::merge`].
//!
//! # Asking about a day
//!
//! ```
//! use chrono::NaiveDate;
//! use ticketry::calendar::{Calendar, DayKind};
//!
//! let ru = Calendar::russia();
//! let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
//! assert_eq!(ru.day_kind(date(2025, 1, 7)), DayKind::Holiday);
//! assert_eq!(ru.holiday_name(date(2025, 1, 7)), Some("Рождество Христово"));
//! // Friday 2 May 2025 is off: the day off of Saturday 4 January was moved there.
//! assert_eq!(ru.day_kind(date(2025, 5, 2)), DayKind::TransferredDayOff);
//! // Saturday 1 November 2025 is worked, one hour shorter.
//! assert_eq!(ru.day_kind(date(2025, 11, 1)), DayKind::Shortened);
//! assert!(ru.is_working_day(date(2025, 11, 1)));
//! ```
//!
//! # Counting business days
//!
//! Counting never includes the day you start from: one business day after
//! Wednesday 30 April 2025 is Monday 5 May, because 1–4 May are days off.
//!
//! ```
//! use chrono::NaiveDate;
//! use ticketry::calendar::Calendar;
//!
//! let ru = Calendar::russia();
//! let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
//! assert_eq!(ru.add_business_days(date(2025, 4, 30), 1), date(2025, 5, 5));
//! assert_eq!(ru.business_days_between(date(2025, 4, 30), date(2025, 5, 5)), 1);
//! assert_eq!(ru.next_working_day(date(2025, 5, 1)), date(2025, 5, 5));
//! ```
//!
//! # The CLS-S1 wait
//!
//! The wait is measured from the moment the repeated request was sent, in the
//! team's time zone, with [`Calendar::business_deadline`]:
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use chrono_tz::Europe::Moscow;
//! use ticketry::calendar::Calendar;
//!
//! let ru = Calendar::russia();
//! // Repeated request sent on Tuesday 30 December 2025, 10:00 in Moscow.
//! let sent = Moscow.with_ymd_and_hms(2025, 12, 30, 10, 0, 0).unwrap().with_timezone(&Utc);
//! // 31 December and 1–11 January are days off: two business days later is 13 January.
//! let may_close = ru.business_deadline(sent, 2, Moscow);
//! assert_eq!(may_close, Moscow.with_ymd_and_hms(2026, 1, 13, 10, 0, 0).unwrap());
//! ```
//!
//! # Years without data
//!
//! A calendar never guesses holidays. For a year it has no data for (see
//! [`Calendar::covers`] and [`Calendar::years`]), it falls back to the plain
//! rule: Saturday and Sunday off, Monday to Friday working. Check
//! [`Calendar::covers`] before relying on a date far ahead, and load the new
//! year's decree data when it is published.
//!
//! ```
//! use chrono::NaiveDate;
//! use ticketry::calendar::{Calendar, DayKind};
//!
//! let ru = Calendar::russia();
//! assert!(!ru.covers(2027));
//! // 1 January 2027 is a Friday: without 2027 data it counts as a working day.
//! assert_eq!(ru.day_kind(NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()), DayKind::Working);
//! ```

mod russia;
mod xml;

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::ops::Bound;

use chrono::{
    DateTime, Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeDelta, TimeZone,
    Timelike, Utc, Weekday,
};
use serde::{Deserialize, Serialize};

/// What kind of day a date is.
///
/// The first three kinds are business days ([`DayKind::is_working`]). In JSON
/// a kind is written in snake case: `"working"`, `"shortened"`,
/// `"working_weekend"`, `"weekend"`, `"holiday"`, `"transferred_day_off"`.
///
/// ```
/// use ticketry::calendar::DayKind;
///
/// assert!(DayKind::Shortened.is_working());
/// assert!(!DayKind::TransferredDayOff.is_working());
/// assert_eq!(serde_json::to_string(&DayKind::WorkingWeekend).unwrap(), "\"working_weekend\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    /// An ordinary working day: Monday to Friday, nothing special.
    Working,
    /// A working day one hour shorter, the eve of a holiday (xmlcalendar
    /// `t=2`). It may fall on a Saturday that is worked.
    Shortened,
    /// A Saturday or Sunday worked in exchange for a day off elsewhere
    /// (xmlcalendar `t=3`).
    WorkingWeekend,
    /// An ordinary Saturday or Sunday.
    Weekend,
    /// A public holiday (xmlcalendar `t=1` with a holiday id `h`).
    Holiday,
    /// A day off moved here from another date (xmlcalendar `t=1` with `f`,
    /// or without a holiday id).
    TransferredDayOff,
}

impl DayKind {
    /// Whether a day of this kind is a business day: [`Working`](DayKind::Working),
    /// [`Shortened`](DayKind::Shortened) or [`WorkingWeekend`](DayKind::WorkingWeekend).
    ///
    /// ```
    /// use ticketry::calendar::DayKind;
    ///
    /// assert!(DayKind::WorkingWeekend.is_working());
    /// assert!(!DayKind::Holiday.is_working());
    /// ```
    pub const fn is_working(self) -> bool {
        matches!(
            self,
            DayKind::Working | DayKind::Shortened | DayKind::WorkingWeekend
        )
    }
}

/// One exception to the Saturday/Sunday rule: an element of the `days` list
/// of a [`Calendar`]'s JSON, listed by [`Calendar::days`].
///
/// ```
/// use ticketry::calendar::{Calendar, DayKind};
///
/// let ru = Calendar::russia();
/// let may_2 = ru.days().find(|d| d.date().to_string() == "2025-05-02").unwrap();
/// assert_eq!(may_2.kind(), DayKind::TransferredDayOff);
/// assert_eq!(may_2.transferred_from().unwrap().to_string(), "2025-01-04");
/// assert_eq!(may_2.name(), None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SpecialDay {
    date: NaiveDate,
    kind: DayKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<Cow<'static, str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    from: Option<NaiveDate>,
}

impl SpecialDay {
    /// The date.
    ///
    /// ```
    /// let ru = ticketry::calendar::Calendar::russia();
    /// assert_eq!(ru.days().next().unwrap().date().to_string(), "2024-01-01");
    /// ```
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// What the day is: never [`DayKind::Working`] or [`DayKind::Weekend`],
    /// since those follow from the plain rule and are not listed.
    ///
    /// ```
    /// use ticketry::calendar::{Calendar, DayKind};
    /// let ru = Calendar::russia();
    /// assert!(ru.days().all(|d| !matches!(d.kind(), DayKind::Working | DayKind::Weekend)));
    /// ```
    pub fn kind(&self) -> DayKind {
        self.kind
    }

    /// The holiday's name, when the data gives one.
    ///
    /// ```
    /// let ru = ticketry::calendar::Calendar::russia();
    /// let first = ru.days().next().unwrap();
    /// assert_eq!(first.name(), Some("Новогодние каникулы"));
    /// ```
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// For a transferred day off, the date it was moved from, when the data
    /// gives it.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let ru = ticketry::calendar::Calendar::russia();
    /// let jan_9 = ru.days().find(|d| d.date() == NaiveDate::from_ymd_opt(2026, 1, 9).unwrap()).unwrap();
    /// assert_eq!(jan_9.transferred_from(), NaiveDate::from_ymd_opt(2026, 1, 3)); // a Saturday
    /// ```
    pub fn transferred_from(&self) -> Option<NaiveDate> {
        self.from
    }
}

/// Why calendar data could not be loaded.
///
/// Each variant has a stable [`code`](CalendarError::code) for programs and
/// a message for people that says where the problem is: the JSON field path,
/// the XML line, or the day and where it was listed.
///
/// ```
/// use ticketry::calendar::{Calendar, CalendarError};
///
/// let err = Calendar::from_json(
///     r#"{"years": [2027], "days": [{"date": "2027-13-01", "kind": "holiday"}]}"#,
/// ).unwrap_err();
/// assert_eq!(err.code(), "calendar_malformed_json");
/// assert!(matches!(&err, CalendarError::MalformedJson { path, .. } if path == "days[0].date"));
///
/// let err = Calendar::from_json(
///     r#"{"years": [2027], "days": [{"date": "2028-01-01", "kind": "holiday"}]}"#,
/// ).unwrap_err();
/// assert_eq!(err.code(), "calendar_invalid_day");
/// assert_eq!(
///     err.to_string(),
///     "invalid calendar day 2028-01-01 (days[0]): the year 2028 is not listed in `years`",
/// );
/// ```
///
/// As JSON (for the bindings) it is its fields, without the variant's name:
/// `{"path", "message"}`, `{"line", "message"}` or `{"date", "location",
/// "message"}`; [`CalendarError::code`] tells which.
///
/// ```
/// let err = ticketry::calendar::CalendarError::MalformedXml { line: 3, message: "x".into() };
/// assert_eq!(serde_json::to_value(&err).unwrap(), serde_json::json!({"line": 3, "message": "x"}));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize)]
#[serde(untagged)]
pub enum CalendarError {
    /// The JSON is not valid JSON, or a field is missing, unknown or of the
    /// wrong type (a malformed date included). Code `calendar_malformed_json`.
    #[error("malformed calendar JSON at `{path}`: {message}")]
    MalformedJson {
        /// Where, as a field path such as `days[3].date` (`.` for the whole document).
        path: String,
        /// What is wrong.
        message: String,
    },
    /// The XML is not well formed, or lacks what the xmlcalendar format
    /// requires (a `year`, a day's `d` or `t`, a date that exists, a known
    /// holiday id). Code `calendar_malformed_xml`.
    #[error("malformed xmlcalendar XML at line {line}: {message}")]
    MalformedXml {
        /// The line, counted from 1.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A well-formed day that contradicts the calendar's rules: its year is
    /// not among the covered years, it is listed twice, it is a
    /// `working_weekend` on a weekday, it lists a plain `working` or
    /// `weekend` day, or it gives `from` to a day that is not a transferred
    /// day off. Code `calendar_invalid_day`.
    #[error("invalid calendar day {date} ({location}): {message}")]
    InvalidDay {
        /// The day, as `YYYY-MM-DD`.
        date: String,
        /// Where it was listed: `days[3]` in JSON, `line 17` in XML.
        location: String,
        /// Why it is invalid.
        message: String,
    },
}

impl CalendarError {
    /// The stable, machine-readable code of the error:
    /// `calendar_malformed_json`, `calendar_malformed_xml` or
    /// `calendar_invalid_day`. Messages may change; codes do not.
    ///
    /// ```
    /// use ticketry::calendar::Calendar;
    ///
    /// let err = Calendar::from_xmlcalendar("<calendar>").unwrap_err();
    /// assert_eq!(err.code(), "calendar_malformed_xml");
    /// let err = Calendar::from_json("[]").unwrap_err();
    /// assert_eq!(err.code(), "calendar_malformed_json");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            CalendarError::MalformedJson { .. } => "calendar_malformed_json",
            CalendarError::MalformedXml { .. } => "calendar_malformed_xml",
            CalendarError::InvalidDay { .. } => "calendar_invalid_day",
        }
    }
}

/// A day as read from JSON, before validation.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDay {
    date: NaiveDate,
    kind: DayKind,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    from: Option<NaiveDate>,
}

/// A calendar as read from JSON, before validation (see `Calendar`'s `try_from`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCalendar {
    years: Vec<i32>,
    #[serde(default)]
    days: Vec<RawDay>,
}

impl TryFrom<RawCalendar> for Calendar {
    type Error = CalendarError;

    fn try_from(raw: RawCalendar) -> Result<Calendar, CalendarError> {
        Calendar::build(
            raw.years,
            raw.days
                .into_iter()
                .enumerate()
                .map(|(i, d)| (format!("days[{i}]"), d)),
        )
    }
}

/// A business-day calendar: the Saturday/Sunday rule plus the exceptions of
/// the years it covers. See the [module docs](self) for a tour.
///
/// # JSON
///
/// A calendar serialises (and deserialises, with validation) as the years it
/// covers and its exceptions, in date order:
///
/// ```json
/// {"years": [2027], "days": [
///   {"date": "2027-01-01", "kind": "holiday", "name": "Новогодние каникулы"},
///   {"date": "2027-05-10", "kind": "transferred_day_off", "from": "2027-01-03"},
///   {"date": "2027-11-03", "kind": "shortened"},
///   {"date": "2027-12-25", "kind": "working_weekend"}
/// ]}
/// ```
///
/// `kind` is one of `holiday`, `transferred_day_off`, `shortened` or
/// `working_weekend`; `name` (a holiday's name) and `from` (where a day off
/// was moved from) are optional. Every day must belong to a listed year, no
/// date may be listed twice, and a `working_weekend` must be a Saturday or a
/// Sunday: [`Calendar::from_json`] and serde's `Deserialize` both refuse data
/// that breaks these rules.
///
/// ```
/// use ticketry::calendar::Calendar;
///
/// let ru = Calendar::russia();
/// assert_eq!(ru.years(), vec![2024, 2025, 2026]);
/// let json = ru.to_json();
/// assert!(json.starts_with(r#"{"years":[2024,2025,2026],"days":[{"date":"2024-01-01","kind":"holiday","name":"#));
/// assert_eq!(Calendar::from_json(&json)?, ru);
/// # Ok::<(), ticketry::calendar::CalendarError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawCalendar")]
pub struct Calendar {
    years: BTreeSet<i32>,
    #[serde(serialize_with = "serialize_days")]
    days: BTreeMap<NaiveDate, SpecialDay>,
}

fn serialize_days<S: serde::Serializer>(
    days: &BTreeMap<NaiveDate, SpecialDay>,
    s: S,
) -> Result<S::Ok, S::Error> {
    s.collect_seq(days.values())
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// Monday to Friday days in `(start, end]`; 0 when `end <= start`.
fn plain_count(start: NaiveDate, end: NaiveDate) -> i64 {
    let days = end.signed_duration_since(start).num_days();
    if days <= 0 {
        return 0;
    }
    let first = i64::from(start.weekday().num_days_from_monday());
    let rest = (1..=days % 7).filter(|i| (first + i) % 7 < 5).count();
    (days / 7) * 5 + i64::try_from(rest).unwrap_or(0)
}

/// The `n`-th Monday-to-Friday day strictly after `date` (`n >= 1`),
/// or `NaiveDate::MAX` when that is beyond chrono's range.
fn plain_add(date: NaiveDate, n: u64) -> NaiveDate {
    // Days from a weekday `w` (0 = Monday … 4 = Friday) to the `m`-th weekday after it.
    let offset_from = |w: u64, m: u64| (w + m) / 5 * 7 + (w + m) % 5 - w;
    let w = u64::from(date.weekday().num_days_from_monday());
    let offset = if w >= 5 {
        // Saturday or Sunday: jump to Monday, the first weekday after it.
        (7 - w) + offset_from(0, n.saturating_sub(1))
    } else {
        offset_from(w, n)
    };
    date.checked_add_days(Days::new(offset))
        .unwrap_or(NaiveDate::MAX)
}

impl Default for Calendar {
    /// The bundled Russian production calendar, [`Calendar::russia`].
    fn default() -> Self {
        Calendar::russia()
    }
}

impl fmt::Display for Calendar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "calendar of {} special days for ", self.days.len())?;
        if self.years.is_empty() {
            return f.write_str("no year (Saturday and Sunday off)");
        }
        for (i, year) in self.years.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{year}")?;
        }
        Ok(())
    }
}

impl Calendar {
    /// Validates and assembles a calendar from listed days, each with where it was listed.
    fn build(
        years: impl IntoIterator<Item = i32>,
        days: impl IntoIterator<Item = (String, RawDay)>,
    ) -> Result<Calendar, CalendarError> {
        let years: BTreeSet<i32> = years.into_iter().collect();
        let mut map = BTreeMap::new();
        for (location, day) in days {
            let date = day.date;
            let invalid = |message: String| CalendarError::InvalidDay {
                date: date.to_string(),
                location: location.clone(),
                message,
            };
            if !years.contains(&date.year()) {
                return Err(invalid(format!(
                    "the year {} is not listed in `years`",
                    date.year()
                )));
            }
            match day.kind {
                DayKind::Working | DayKind::Weekend => {
                    return Err(invalid(
                        "only exceptions to the Saturday/Sunday rule are listed: \
                         holiday, transferred_day_off, shortened or working_weekend"
                            .into(),
                    ))
                }
                DayKind::WorkingWeekend if !is_weekend(date) => {
                    return Err(invalid(format!(
                        "a working_weekend day must be a Saturday or a Sunday, not a {}",
                        date.weekday()
                    )))
                }
                _ => {}
            }
            if day.from.is_some() && day.kind != DayKind::TransferredDayOff {
                return Err(invalid("`from` is only for a transferred_day_off".into()));
            }
            if map.contains_key(&date) {
                return Err(invalid("the date is listed twice".into()));
            }
            map.insert(
                date,
                SpecialDay {
                    date,
                    kind: day.kind,
                    name: day.name.map(Cow::Owned),
                    from: day.from,
                },
            );
        }
        Ok(Calendar { years, days: map })
    }

    /// The Russian production calendar for 2024, 2025 and 2026, bundled in
    /// the crate's source from the government decrees (as published by the
    /// xmlcalendar project). Holidays carry their Russian names.
    ///
    /// Building it is cheap (a few dozen entries from constant tables, no
    /// parsing), so calling it repeatedly is fine.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use ticketry::calendar::{Calendar, DayKind};
    ///
    /// let ru = Calendar::russia();
    /// let date = |m, d| NaiveDate::from_ymd_opt(2024, m, d).unwrap();
    /// // 2024: Saturday 28 December was worked, so that Monday 30 December could be off.
    /// assert_eq!(ru.day_kind(date(12, 28)), DayKind::WorkingWeekend);
    /// assert_eq!(ru.day_kind(date(12, 30)), DayKind::TransferredDayOff);
    /// assert_eq!(ru.holiday_name(date(6, 12)), Some("День России"));
    /// ```
    pub fn russia() -> Calendar {
        let days = russia::DAYS
            .iter()
            .filter_map(|&(y, m, d, fact)| {
                let date = NaiveDate::from_ymd_opt(y, m, d)?;
                let (kind, name, from) = match fact {
                    russia::Fact::Holiday(name) => {
                        (DayKind::Holiday, Some(Cow::Borrowed(name)), None)
                    }
                    russia::Fact::Transferred(fm, fd) => (
                        DayKind::TransferredDayOff,
                        None,
                        NaiveDate::from_ymd_opt(y, fm, fd),
                    ),
                    russia::Fact::Shortened => (DayKind::Shortened, None, None),
                    russia::Fact::WorkingWeekend => (DayKind::WorkingWeekend, None, None),
                };
                Some((
                    date,
                    SpecialDay {
                        date,
                        kind,
                        name,
                        from,
                    },
                ))
            })
            .collect();
        Calendar {
            years: russia::YEARS.into_iter().collect(),
            days,
        }
    }

    /// A calendar with no data at all: Saturday and Sunday off, every other
    /// day working, in every year.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use ticketry::calendar::Calendar;
    ///
    /// let cal = Calendar::weekends_only();
    /// assert!(cal.is_working_day(NaiveDate::from_ymd_opt(2025, 1, 1).unwrap())); // a Wednesday
    /// assert!(!cal.is_working_day(NaiveDate::from_ymd_opt(2025, 1, 4).unwrap())); // a Saturday
    /// assert!(cal.years().is_empty());
    /// ```
    pub fn weekends_only() -> Calendar {
        Calendar {
            years: BTreeSet::new(),
            days: BTreeMap::new(),
        }
    }

    /// Reads one year of the xmlcalendar XML format.
    ///
    /// The format: `<calendar year="2027">`, holiday names as
    /// `<holiday id="1" title="…"/>` inside `<holidays>`, and the exceptions
    /// as `<day d="MM.DD" t="T" h="H" f="MM.DD"/>` inside `<days>`, where
    ///
    /// * `t="1"` is a day off: a [`Holiday`](DayKind::Holiday) named by the
    ///   holiday id `h`, or a [`TransferredDayOff`](DayKind::TransferredDayOff)
    ///   when it has `f` (the date it was moved from) or no `h`;
    /// * `t="2"` is a [`Shortened`](DayKind::Shortened) working day;
    /// * `t="3"` is a [`WorkingWeekend`](DayKind::WorkingWeekend) day.
    ///
    /// The result covers exactly that one year; use [`Calendar::merge`] to
    /// combine years. Errors give the line ([`CalendarError::MalformedXml`],
    /// or [`CalendarError::InvalidDay`] with `line N` as its location).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use ticketry::calendar::{Calendar, DayKind};
    ///
    /// let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
    /// <calendar year="2027" lang="ru">
    ///   <holidays><holiday id="1" title="Новогодние каникулы"/></holidays>
    ///   <days>
    ///     <day d="01.01" t="1" h="1"/>
    ///     <day d="01.08" t="1" f="01.03"/>
    ///     <day d="11.03" t="2"/>
    ///   </days>
    /// </calendar>"#;
    /// let cal = Calendar::from_xmlcalendar(xml)?;
    /// let date = |m, d| NaiveDate::from_ymd_opt(2027, m, d).unwrap();
    /// assert_eq!(cal.years(), vec![2027]);
    /// assert_eq!(cal.holiday_name(date(1, 1)), Some("Новогодние каникулы"));
    /// assert_eq!(cal.day_kind(date(1, 8)), DayKind::TransferredDayOff);
    /// assert_eq!(cal.day_kind(date(11, 3)), DayKind::Shortened);
    ///
    /// // A day that does not exist is reported with its line.
    /// let err = Calendar::from_xmlcalendar("<calendar year=\"2027\">\n<day d=\"02.30\" t=\"1\"/>\n</calendar>")
    ///     .unwrap_err();
    /// assert_eq!(err.to_string(), "malformed xmlcalendar XML at line 2: `d=\"02.30\"` is not a date of 2027");
    /// # Ok::<(), ticketry::calendar::CalendarError>(())
    /// ```
    pub fn from_xmlcalendar(xml: &str) -> Result<Calendar, CalendarError> {
        let year = xml::parse(xml)?;
        let days = year.days.into_iter().map(|d| {
            let (kind, from) = match d.kind {
                xml::XmlKind::DayOff { from: Some(from) } => {
                    (DayKind::TransferredDayOff, Some(from))
                }
                xml::XmlKind::DayOff { from: None } if d.holiday.is_some() => {
                    (DayKind::Holiday, None)
                }
                xml::XmlKind::DayOff { from: None } => (DayKind::TransferredDayOff, None),
                xml::XmlKind::Shortened => (DayKind::Shortened, None),
                xml::XmlKind::WorkingWeekend => (DayKind::WorkingWeekend, None),
            };
            (
                format!("line {}", d.line),
                RawDay {
                    date: d.date,
                    kind,
                    name: d.holiday,
                    from,
                },
            )
        });
        Calendar::build([year.year], days)
    }

    /// Reads this type's JSON (the format is described at [`Calendar`]);
    /// every day is validated.
    ///
    /// Errors name the place: the field path for malformed JSON
    /// ([`CalendarError::MalformedJson`]), the list index for a day that
    /// breaks a rule ([`CalendarError::InvalidDay`]).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use ticketry::calendar::Calendar;
    ///
    /// let cal = Calendar::from_json(
    ///     r#"{"years": [2027], "days": [{"date": "2027-01-01", "kind": "holiday", "name": "Новый год"}]}"#,
    /// )?;
    /// assert!(!cal.is_working_day(NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()));
    ///
    /// let err = Calendar::from_json(
    ///     r#"{"years": [2027], "days": [{"date": "2027-03-03", "kind": "working_weekend"}]}"#,
    /// ).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "invalid calendar day 2027-03-03 (days[0]): a working_weekend day must be a Saturday or a Sunday, not a Wed",
    /// );
    ///
    /// let err = Calendar::from_json(r#"{"years": [2027], "days": [{"date": "2027-01-01", "kind": "feast"}]}"#)
    ///     .unwrap_err();
    /// assert!(err.to_string().starts_with("malformed calendar JSON at `days[0].kind`: unknown variant `feast`"));
    /// # Ok::<(), ticketry::calendar::CalendarError>(())
    /// ```
    pub fn from_json(json: &str) -> Result<Calendar, CalendarError> {
        let de = &mut serde_json::Deserializer::from_str(json);
        let raw: RawCalendar = serde_path_to_error::deserialize(&mut *de).map_err(|e| {
            let path = e.path().to_string();
            let message = e.into_inner().to_string();
            // serde names a missing field only in its message: put it in the path.
            let missing = message
                .strip_prefix("missing field `")
                .and_then(|rest| rest.split('`').next());
            let path = match missing {
                Some(field) if path == "." => field.to_owned(),
                Some(field) => format!("{path}.{field}"),
                None => path,
            };
            CalendarError::MalformedJson { path, message }
        })?;
        // Nothing but whitespace may follow the document.
        de.end().map_err(|e| CalendarError::MalformedJson {
            path: ".".into(),
            message: e.to_string(),
        })?;
        Calendar::try_from(raw)
    }

    /// The calendar as compact JSON (the format is described at [`Calendar`]).
    ///
    /// ```
    /// use ticketry::calendar::Calendar;
    ///
    /// assert_eq!(Calendar::weekends_only().to_json(), r#"{"years":[],"days":[]}"#);
    /// let cal = Calendar::from_json(r#"{"years": [2027], "days": [{"date": "2027-11-03", "kind": "shortened"}]}"#)?;
    /// assert_eq!(cal.to_json(), r#"{"years":[2027],"days":[{"date":"2027-11-03","kind":"shortened"}]}"#);
    /// # Ok::<(), ticketry::calendar::CalendarError>(())
    /// ```
    pub fn to_json(&self) -> String {
        // Serialising dates, enums and strings into a String cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Adds the years of `other` to this calendar. `other` wins on
    /// conflicts: a year that `other` covers is taken from `other` as a
    /// whole, replacing this calendar's days of that year (so a corrected
    /// year file can replace a bundled one).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use ticketry::calendar::Calendar;
    ///
    /// let mut cal = Calendar::russia();
    /// cal.merge(Calendar::from_json(
    ///     r#"{"years": [2027], "days": [{"date": "2027-01-01", "kind": "holiday"}]}"#,
    /// )?);
    /// assert_eq!(cal.years(), vec![2024, 2025, 2026, 2027]);
    /// assert!(!cal.is_working_day(NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()));
    ///
    /// // Replacing 2025 with a year without exceptions: 3 January becomes a plain Friday.
    /// cal.merge(Calendar::from_json(r#"{"years": [2025]}"#)?);
    /// assert!(cal.is_working_day(NaiveDate::from_ymd_opt(2025, 1, 3).unwrap()));
    /// # Ok::<(), ticketry::calendar::CalendarError>(())
    /// ```
    pub fn merge(&mut self, other: Calendar) {
        self.days
            .retain(|date, _| !other.years.contains(&date.year()));
        self.years.extend(other.years);
        self.days.extend(other.days);
    }

    /// The years with explicit data, in ascending order.
    ///
    /// ```
    /// use ticketry::calendar::Calendar;
    ///
    /// assert_eq!(Calendar::russia().years(), vec![2024, 2025, 2026]);
    /// assert!(Calendar::weekends_only().years().is_empty());
    /// ```
    pub fn years(&self) -> Vec<i32> {
        self.years.iter().copied().collect()
    }

    /// Whether `year` has explicit data. For a year that is not covered,
    /// every question falls back to the plain Saturday/Sunday rule.
    ///
    /// ```
    /// use ticketry::calendar::Calendar;
    ///
    /// let ru = Calendar::russia();
    /// assert!(ru.covers(2025));
    /// assert!(!ru.covers(2030));
    /// ```
    pub fn covers(&self, year: i32) -> bool {
        self.years.contains(&year)
    }

    /// The exceptions to the Saturday/Sunday rule, in date order.
    ///
    /// ```
    /// use chrono::Datelike;
    /// use ticketry::calendar::{Calendar, DayKind};
    ///
    /// let ru = Calendar::russia();
    /// let holidays_2025 = ru
    ///     .days()
    ///     .filter(|d| d.date().year() == 2025 && d.kind() == DayKind::Holiday)
    ///     .count();
    /// assert_eq!(holidays_2025, 14);
    /// ```
    pub fn days(&self) -> impl Iterator<Item = &SpecialDay> + '_ {
        self.days.values()
    }

    /// What kind of day `date` is.
    ///
    /// A date listed as an exception has the listed kind. Any other date
    /// follows the plain rule: [`DayKind::Weekend`] on Saturday and Sunday,
    /// [`DayKind::Working`] otherwise. **In a year the calendar does not
    /// cover, this plain rule is all there is**: holidays are not guessed, so
    /// 1 January of an uncovered year is a working day unless it is a
    /// Saturday or Sunday.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use ticketry::calendar::{Calendar, DayKind};
    ///
    /// let ru = Calendar::russia();
    /// let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// assert_eq!(ru.day_kind(date(2025, 3, 8)), DayKind::Holiday); // a Saturday, and a holiday
    /// assert_eq!(ru.day_kind(date(2025, 3, 9)), DayKind::Weekend);
    /// assert_eq!(ru.day_kind(date(2025, 3, 10)), DayKind::Working);
    /// assert_eq!(ru.day_kind(date(2030, 1, 1)), DayKind::Working); // no data for 2030
    /// ```
    pub fn day_kind(&self, date: NaiveDate) -> DayKind {
        match self.days.get(&date) {
            Some(day) => day.kind,
            None if is_weekend(date) => DayKind::Weekend,
            None => DayKind::Working,
        }
    }

    /// The name of the holiday on `date`, when the data names one.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use ticketry::calendar::Calendar;
    ///
    /// let ru = Calendar::russia();
    /// let date = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
    /// assert_eq!(ru.holiday_name(date(6, 12)), Some("День России"));
    /// assert_eq!(ru.holiday_name(date(1, 9)), None); // a transferred day off has no name
    /// assert_eq!(ru.holiday_name(date(6, 15)), None);
    /// ```
    pub fn holiday_name(&self, date: NaiveDate) -> Option<&str> {
        self.days.get(&date).and_then(|d| d.name.as_deref())
    }

    /// Whether `date` is a business day: a [`DayKind`] that
    /// [`is_working`](DayKind::is_working).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use ticketry::calendar::Calendar;
    ///
    /// let ru = Calendar::russia();
    /// assert!(!ru.is_working_day(NaiveDate::from_ymd_opt(2026, 1, 9).unwrap())); // transferred day off
    /// assert!(ru.is_working_day(NaiveDate::from_ymd_opt(2026, 1, 12).unwrap()));
    /// ```
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        self.day_kind(date).is_working()
    }

    /// The first business day on or after `date`.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use ticketry::calendar::Calendar;
    ///
    /// let ru = Calendar::russia();
    /// let date = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
    /// assert_eq!(ru.next_working_day(date(1, 1)), date(1, 12)); // after the New Year holidays
    /// assert_eq!(ru.next_working_day(date(1, 12)), date(1, 12)); // already a business day
    /// ```
    pub fn next_working_day(&self, date: NaiveDate) -> NaiveDate {
        if self.is_working_day(date) {
            date
        } else {
            self.add_business_days(date, 1)
        }
    }

    /// The `n`-th business day strictly after `date`; `date` itself for
    /// `n = 0` (even when `date` is a day off).
    ///
    /// The cost grows with the number of listed exceptions, not with `n`:
    /// days of the plain rule are counted arithmetically. A result beyond the
    /// last date chrono can represent is clamped to [`NaiveDate::MAX`].
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use ticketry::calendar::Calendar;
    ///
    /// let ru = Calendar::russia();
    /// let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// // Friday + 2: Monday, Tuesday.
    /// assert_eq!(ru.add_business_days(date(2025, 3, 7), 2), date(2025, 3, 11));
    /// // Across the New Year holidays: 31 December 2025 to 11 January 2026 are off.
    /// assert_eq!(ru.add_business_days(date(2025, 12, 30), 1), date(2026, 1, 12));
    /// assert_eq!(ru.add_business_days(date(2025, 12, 30), 2), date(2026, 1, 13));
    /// assert_eq!(ru.add_business_days(date(2025, 12, 31), 0), date(2025, 12, 31));
    /// ```
    pub fn add_business_days(&self, date: NaiveDate, n: u32) -> NaiveDate {
        if n == 0 {
            return date;
        }
        let mut left = u64::from(n);
        let mut cur = date;
        for (&special, day) in self.days.range((Bound::Excluded(date), Bound::Unbounded)) {
            // Plain weekdays strictly between `cur` and `special`.
            let plain = plain_count(cur, special) - i64::from(!is_weekend(special));
            let plain = u64::try_from(plain).unwrap_or(0);
            if left <= plain {
                return plain_add(cur, left);
            }
            left -= plain;
            cur = special;
            if day.kind.is_working() {
                left -= 1;
                if left == 0 {
                    return special;
                }
            }
        }
        plain_add(cur, left)
    }

    /// The number of business days in `(start, end]`: `start` itself is not
    /// counted, `end` is. 0 when `end <= start`.
    ///
    /// It is the inverse of [`add_business_days`](Calendar::add_business_days):
    /// `business_days_between(d, add_business_days(d, n)) == n`.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use ticketry::calendar::Calendar;
    ///
    /// let ru = Calendar::russia();
    /// let date = |m, d| NaiveDate::from_ymd_opt(2025, m, d).unwrap();
    /// assert_eq!(ru.business_days_between(date(4, 30), date(5, 12)), 4); // 5, 6, 7 and 12 May
    /// assert_eq!(ru.business_days_between(date(5, 12), date(4, 30)), 0);
    /// // The whole of 2025 (a year of 247 business days):
    /// assert_eq!(ru.business_days_between(NaiveDate::from_ymd_opt(2024, 12, 31).unwrap(), date(12, 31)), 247);
    /// ```
    pub fn business_days_between(&self, start: NaiveDate, end: NaiveDate) -> u32 {
        if end <= start {
            return 0;
        }
        let mut count = plain_count(start, end);
        for (&date, day) in self
            .days
            .range((Bound::Excluded(start), Bound::Included(end)))
        {
            count += i64::from(day.kind.is_working()) - i64::from(!is_weekend(date));
        }
        u32::try_from(count.max(0)).unwrap_or(u32::MAX)
    }

    /// The moment `n` business days have passed since `from`, counted in the
    /// time zone `tz`: the CLS-S1 wait after a repeated confirmation request.
    ///
    /// The rule, step by step:
    ///
    /// 1. Take `from` in the local time of `tz`.
    /// 2. If that local date is a business day, counting starts from it, at
    ///    that time of day. If it is a day off, counting starts at 00:00 of
    ///    the next business day instead (a request sent on Saturday counts
    ///    as if sent first thing on Monday).
    /// 3. The deadline is the same local time of day on
    ///    [`add_business_days`](Calendar::add_business_days)`(start date, n)`,
    ///    converted back to UTC.
    ///
    /// Worked examples in Moscow with `n = 2`:
    ///
    /// | `from` (local)                | start              | deadline (local)      |
    /// |-------------------------------|--------------------|-----------------------|
    /// | Monday 17 Mar 2025, 10:00     | Monday 10:00       | Wednesday 19 Mar 10:00 |
    /// | Friday 21 Mar 2025, 15:00     | Friday 15:00       | Tuesday 25 Mar 15:00  |
    /// | Saturday 22 Mar 2025, 12:00   | Monday 24 Mar 00:00 | Wednesday 26 Mar 00:00 |
    /// | Tuesday 30 Dec 2025, 10:00    | Tuesday 10:00      | Tuesday 13 Jan 2026 10:00 |
    ///
    /// The last one crosses the New Year holidays: 31 December 2025 and
    /// 1–11 January 2026 are all days off, so the first business day after
    /// 30 December is Monday 12 January and the second is Tuesday 13 January.
    ///
    /// In zones with daylight saving time the local deadline may not exist or
    /// may exist twice. A local time the clocks skip (spring forward) resolves
    /// to the moment the clocks jump, the first instant whose local time is
    /// at or after it; a local time that occurs twice (fall back) takes the
    /// earlier instant. With `n = 0` on a business day the deadline is `from`
    /// itself. This never panics.
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use chrono_tz::Europe::Moscow;
    /// use ticketry::calendar::Calendar;
    ///
    /// let ru = Calendar::russia();
    /// let msk = |y, m, d, h| Moscow.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap().with_timezone(&Utc);
    ///
    /// // Friday 15:00 + 2 business days → Tuesday 15:00.
    /// assert_eq!(ru.business_deadline(msk(2025, 3, 21, 15), 2, Moscow), msk(2025, 3, 25, 15));
    /// // Saturday 12:00 → counting starts Monday 00:00 → Wednesday 00:00.
    /// assert_eq!(ru.business_deadline(msk(2025, 3, 22, 12), 2, Moscow), msk(2025, 3, 26, 0));
    /// // Friday 7 March 2025: Saturday 8 March is a holiday, but Saturdays are off anyway.
    /// assert_eq!(ru.business_deadline(msk(2025, 3, 7, 12), 2, Moscow), msk(2025, 3, 11, 12));
    /// ```
    pub fn business_deadline<Tz: TimeZone>(
        &self,
        from: DateTime<Utc>,
        n: u32,
        tz: Tz,
    ) -> DateTime<Utc> {
        // `DateTime::naive_local` panics at the edges of chrono's range; this does not.
        let offset = tz.offset_from_utc_datetime(&from.naive_utc()).fix();
        let Some(local) = from.naive_utc().checked_add_offset(offset) else {
            return from;
        };
        let (start, time) = if self.is_working_day(local.date()) {
            if n == 0 {
                return from;
            }
            (local.date(), local.time())
        } else {
            (self.next_working_day(local.date()), NaiveTime::MIN)
        };
        let deadline = self.add_business_days(start, n).and_time(time);
        resolve_local(&tz, deadline)
    }
}

/// The instant of a local date and time in `tz`: the earlier one when the
/// time occurs twice, the moment the clocks jump when it is skipped.
fn resolve_local<Tz: TimeZone>(tz: &Tz, naive: NaiveDateTime) -> DateTime<Utc> {
    let valid = |t: &NaiveDateTime| tz.from_local_datetime(t).earliest();
    if let Some(instant) = valid(&naive) {
        return instant.with_timezone(&Utc);
    }
    // In a gap. Find a valid local time after it (gaps are at most a day, in
    // practice an hour), then narrow down to the first valid second.
    let mut lo = naive.with_nanosecond(0).unwrap_or(naive);
    let mut hi = None;
    for hours in [1, 2, 4, 8, 16, 32, 64] {
        if let Some(probe) = lo.checked_add_signed(TimeDelta::hours(hours)) {
            if valid(&probe).is_some() {
                hi = Some(probe);
                break;
            }
        }
    }
    let Some(mut hi) = hi else {
        // No valid local time nearby: read the local time as UTC rather than fail.
        return naive.and_utc();
    };
    while hi.signed_duration_since(lo) > TimeDelta::seconds(1) {
        let half = hi.signed_duration_since(lo).num_seconds() / 2;
        let Some(mid) = lo.checked_add_signed(TimeDelta::seconds(half)) else {
            break;
        };
        if valid(&mid).is_some() {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    valid(&hi).map_or_else(|| naive.and_utc(), |instant| instant.with_timezone(&Utc))
}
