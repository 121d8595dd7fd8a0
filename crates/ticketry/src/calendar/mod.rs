//! Business days: weekends, holidays, transferred days off and working weekends.
//!
//! The closing regulation lets support close a ticket "with a mark" once the
//! client has not answered the repeated confirmation request for 1–2
//! **business days** (CLS-S1). In Russia business days follow the production
//! calendar (производственный календарь): public holidays, days off moved by
//! government decree, and Saturdays that are worked in exchange.
//!
//! [`Calendar::russia`] bundles that calendar for 2024, 2025 and 2026, written
//! into this crate's source (nothing is read at run time). More years come
//! from the [xmlcalendar](http://xmlcalendar.ru) XML format
//! ([`Calendar::from_xmlcalendar`]) or from this type's own JSON
//! ([`Calendar::from_json`]), merged with [`Calendar::merge`].
//!
//! Outside the years it has data for, a calendar falls back to the plain rule:
//! Saturday and Sunday off, every other day working. [`Calendar::covers`]
//! tells whether a year has real data.
//!
//! ```
//! use chrono::NaiveDate;
//! use ticketry::calendar::{Calendar, DayKind};
//!
//! let ru = Calendar::russia();
//! let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
//! assert_eq!(ru.day_kind(date(2025, 1, 7)), DayKind::Holiday);
//! assert_eq!(ru.holiday_name(date(2025, 1, 7)), Some("Рождество Христово"));
//! assert_eq!(ru.day_kind(date(2025, 5, 2)), DayKind::TransferredDayOff);
//! assert_eq!(ru.day_kind(date(2025, 11, 1)), DayKind::Shortened); // a Saturday, worked
//! assert!(ru.is_working_day(date(2025, 11, 1)));
//! // Friday 2 May 2025 is off, the weekend follows: the next business day is Monday 5 May.
//! assert_eq!(ru.add_business_days(date(2025, 4, 30), 1), date(2025, 5, 5));
//! ```

mod russia;
mod xml;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use serde::{Deserialize, Serialize};

/// What kind of day a date is.
///
/// ```
/// use ticketry::calendar::DayKind;
/// assert!(DayKind::Shortened.is_working());
/// assert!(!DayKind::TransferredDayOff.is_working());
/// assert_eq!(serde_json::to_string(&DayKind::WorkingWeekend).unwrap(), "\"working_weekend\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    /// An ordinary working day (Monday to Friday).
    Working,
    /// A working day one hour shorter (the eve of a holiday); may fall on a Saturday.
    Shortened,
    /// A Saturday or Sunday worked in exchange for another day off.
    WorkingWeekend,
    /// An ordinary Saturday or Sunday.
    Weekend,
    /// A public holiday.
    Holiday,
    /// A day off moved here from another date.
    TransferredDayOff,
}

impl DayKind {
    /// Whether the day is a business day.
    ///
    /// ```
    /// assert!(ticketry::calendar::DayKind::WorkingWeekend.is_working());
    /// ```
    pub const fn is_working(self) -> bool {
        matches!(
            self,
            DayKind::Working | DayKind::Shortened | DayKind::WorkingWeekend
        )
    }
}

/// One exception to the Saturday/Sunday rule, as stored and serialised.
///
/// ```
/// use ticketry::calendar::{Calendar, DayKind};
/// let ru = Calendar::russia();
/// let may_2 = ru.days().find(|d| d.date.to_string() == "2025-05-02").unwrap();
/// assert_eq!(may_2.kind, DayKind::TransferredDayOff);
/// assert_eq!(may_2.from.unwrap().to_string(), "2025-01-04");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpecialDay {
    /// The date.
    pub date: NaiveDate,
    /// What it is: `holiday`, `transferred_day_off`, `shortened` or `working_weekend`.
    pub kind: DayKind,
    /// A holiday's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// For a transferred day off, the date it was moved from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<NaiveDate>,
}

/// Why calendar data could not be loaded.
///
/// ```
/// let err = ticketry::calendar::Calendar::from_json(r#"{"years": [2027], "days": [{"date": "2027-13-01", "kind": "holiday"}]}"#).unwrap_err();
/// assert_eq!(err.code(), "calendar_malformed_json");
/// assert!(err.to_string().contains("days[0].date"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// The JSON is malformed; `path` names the field.
    #[error("malformed calendar JSON at `{path}`: {message}")]
    MalformedJson {
        /// Where (`days[3].date`).
        path: String,
        /// What is wrong.
        message: String,
    },
    /// The XML is malformed or lacks what the xmlcalendar format requires.
    #[error("malformed xmlcalendar XML at line {line}: {message}")]
    MalformedXml {
        /// The line, from 1.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A day contradicts the calendar's rules.
    #[error("invalid day {date}: {message}")]
    InvalidDay {
        /// The day.
        date: String,
        /// Why.
        message: String,
    },
}

impl CalendarError {
    /// The stable code: `calendar_malformed_json`, `calendar_malformed_xml` or `calendar_invalid_day`.
    ///
    /// ```
    /// let err = ticketry::calendar::Calendar::from_xmlcalendar("<calendar>").unwrap_err();
    /// assert_eq!(err.code(), "calendar_malformed_xml");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            CalendarError::MalformedJson { .. } => "calendar_malformed_json",
            CalendarError::MalformedXml { .. } => "calendar_malformed_xml",
            CalendarError::InvalidDay { .. } => "calendar_invalid_day",
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CalendarData {
    years: Vec<i32>,
    #[serde(default)]
    days: Vec<SpecialDay>,
}

/// A business-day calendar. See the [module docs](self).
///
/// Serialises as `{"years": [2027], "days": [{"date": "2027-01-01", "kind": "holiday", "name": "…"}, …]}`:
/// the years with data, and the exceptions to the Saturday/Sunday rule.
///
/// ```
/// use ticketry::calendar::Calendar;
/// let ru = Calendar::russia();
/// assert_eq!(ru.years(), vec![2024, 2025, 2026]);
/// let back = Calendar::from_json(&ru.to_json())?;
/// assert_eq!(back, ru);
/// # Ok::<(), ticketry::calendar::CalendarError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "CalendarData")]
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

fn invalid(date: NaiveDate, message: impl Into<String>) -> CalendarError {
    CalendarError::InvalidDay {
        date: date.to_string(),
        message: message.into(),
    }
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

impl TryFrom<CalendarData> for Calendar {
    type Error = CalendarError;
    fn try_from(data: CalendarData) -> Result<Calendar, CalendarError> {
        let years: BTreeSet<i32> = data.years.into_iter().collect();
        let mut days = BTreeMap::new();
        for day in data.days {
            let date = day.date;
            if !years.contains(&date.year()) {
                return Err(invalid(
                    date,
                    format!("the year {} is not listed in `years`", date.year()),
                ));
            }
            match day.kind {
                DayKind::Working | DayKind::Weekend => {
                    return Err(invalid(
                        date,
                        "only exceptions are listed: holiday, transferred_day_off, shortened or working_weekend",
                    ))
                }
                DayKind::WorkingWeekend if !is_weekend(date) => {
                    return Err(invalid(date, "a working_weekend day must be a Saturday or a Sunday"))
                }
                _ => {}
            }
            if day.from.is_some() && day.kind != DayKind::TransferredDayOff {
                return Err(invalid(date, "`from` is only for a transferred_day_off"));
            }
            if days.insert(date, day).is_some() {
                return Err(invalid(date, "listed twice"));
            }
        }
        Ok(Calendar { years, days })
    }
}

impl Default for Calendar {
    /// The bundled Russian production calendar, [`Calendar::russia`].
    fn default() -> Self {
        Calendar::russia()
    }
}

impl fmt::Display for Calendar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let years: Vec<String> = self.years.iter().map(|y| y.to_string()).collect();
        write!(
            f,
            "calendar of {} special days for {}",
            self.days.len(),
            years.join(", ")
        )
    }
}

impl Calendar {
    /// The Russian production calendar for 2024, 2025 and 2026, bundled in
    /// the crate's source.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let ru = ticketry::calendar::Calendar::russia();
    /// // 2024: Saturday 28 December was worked, Monday 30 December was off.
    /// assert!(ru.is_working_day(NaiveDate::from_ymd_opt(2024, 12, 28).unwrap()));
    /// assert!(!ru.is_working_day(NaiveDate::from_ymd_opt(2024, 12, 30).unwrap()));
    /// ```
    pub fn russia() -> Calendar {
        let mut days = BTreeMap::new();
        for &(y, m, d, fact) in russia::DAYS {
            let Some(date) = NaiveDate::from_ymd_opt(y, m, d) else {
                continue;
            };
            let (kind, name, from) = match fact {
                russia::Fact::Holiday(name) => (DayKind::Holiday, Some(name.to_owned()), None),
                russia::Fact::Transferred(fm, fd) => (
                    DayKind::TransferredDayOff,
                    None,
                    NaiveDate::from_ymd_opt(y, fm, fd),
                ),
                russia::Fact::Shortened => (DayKind::Shortened, None, None),
                russia::Fact::WorkingWeekend => (DayKind::WorkingWeekend, None, None),
            };
            days.insert(
                date,
                SpecialDay {
                    date,
                    kind,
                    name,
                    from,
                },
            );
        }
        Calendar {
            years: russia::YEARS.into_iter().collect(),
            days,
        }
    }

    /// A calendar with no special days: Saturday and Sunday off.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let cal = ticketry::calendar::Calendar::weekends_only();
    /// assert!(cal.is_working_day(NaiveDate::from_ymd_opt(2025, 1, 1).unwrap()));
    /// assert!(cal.years().is_empty());
    /// ```
    pub fn weekends_only() -> Calendar {
        Calendar {
            years: BTreeSet::new(),
            days: BTreeMap::new(),
        }
    }

    /// Reads one year of the xmlcalendar XML format
    /// (`<calendar year="2027"><holidays>…</holidays><days><day d="01.01" t="1" h="1"/>…`).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use ticketry::calendar::{Calendar, DayKind};
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
    /// assert_eq!(cal.holiday_name(date(1, 1)), Some("Новогодние каникулы"));
    /// assert_eq!(cal.day_kind(date(1, 8)), DayKind::TransferredDayOff);
    /// assert_eq!(cal.day_kind(date(11, 3)), DayKind::Shortened);
    /// # Ok::<(), ticketry::calendar::CalendarError>(())
    /// ```
    pub fn from_xmlcalendar(xml: &str) -> Result<Calendar, CalendarError> {
        let year = xml::parse(xml)?;
        let days = year
            .days
            .into_iter()
            .map(|d| {
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
                SpecialDay {
                    date: d.date,
                    kind,
                    name: d.holiday,
                    from,
                }
            })
            .collect();
        Calendar::try_from(CalendarData {
            years: vec![year.year],
            days,
        })
    }

    /// Reads this type's JSON (see [`Calendar`]); every day is validated.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let cal = ticketry::calendar::Calendar::from_json(
    ///     r#"{"years": [2027], "days": [{"date": "2027-01-01", "kind": "holiday", "name": "Новый год"}]}"#)?;
    /// assert!(!cal.is_working_day(NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()));
    ///
    /// let err = ticketry::calendar::Calendar::from_json(
    ///     r#"{"years": [2027], "days": [{"date": "2027-03-03", "kind": "working_weekend"}]}"#).unwrap_err();
    /// assert_eq!(err.to_string(), "invalid day 2027-03-03: a working_weekend day must be a Saturday or a Sunday");
    /// # Ok::<(), ticketry::calendar::CalendarError>(())
    /// ```
    pub fn from_json(json: &str) -> Result<Calendar, CalendarError> {
        let de = &mut serde_json::Deserializer::from_str(json);
        let data: CalendarData =
            serde_path_to_error::deserialize(de).map_err(|e| CalendarError::MalformedJson {
                path: e.path().to_string(),
                message: e.into_inner().to_string(),
            })?;
        Calendar::try_from(data)
    }

    /// The calendar as JSON (see [`Calendar`]).
    ///
    /// ```
    /// let json = ticketry::calendar::Calendar::weekends_only().to_json();
    /// assert_eq!(json, r#"{"years":[],"days":[]}"#);
    /// ```
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Adds the years of `other`; where both list the same date, `other` wins,
    /// and a year `other` covers takes `other`'s days only.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use ticketry::calendar::Calendar;
    /// let mut cal = Calendar::russia();
    /// cal.merge(Calendar::from_json(r#"{"years": [2027], "days": [{"date": "2027-01-01", "kind": "holiday"}]}"#)?);
    /// assert_eq!(cal.years(), vec![2024, 2025, 2026, 2027]);
    /// assert!(!cal.is_working_day(NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()));
    /// # Ok::<(), ticketry::calendar::CalendarError>(())
    /// ```
    pub fn merge(&mut self, other: Calendar) {
        self.days
            .retain(|date, _| !other.years.contains(&date.year()));
        self.years.extend(other.years);
        self.days.extend(other.days);
    }

    /// The years with explicit data, in order.
    ///
    /// ```
    /// assert_eq!(ticketry::calendar::Calendar::russia().years(), vec![2024, 2025, 2026]);
    /// ```
    pub fn years(&self) -> Vec<i32> {
        self.years.iter().copied().collect()
    }

    /// Whether `year` has explicit data (otherwise the Saturday/Sunday rule applies).
    ///
    /// ```
    /// let ru = ticketry::calendar::Calendar::russia();
    /// assert!(ru.covers(2025));
    /// assert!(!ru.covers(2030));
    /// ```
    pub fn covers(&self, year: i32) -> bool {
        self.years.contains(&year)
    }

    /// The special days, in date order.
    ///
    /// ```
    /// let ru = ticketry::calendar::Calendar::russia();
    /// assert!(ru.days().all(|d| ru.covers(chrono::Datelike::year(&d.date))));
    /// ```
    pub fn days(&self) -> impl Iterator<Item = &SpecialDay> {
        self.days.values()
    }

    /// What kind of day `date` is.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use ticketry::calendar::{Calendar, DayKind};
    /// let ru = Calendar::russia();
    /// assert_eq!(ru.day_kind(NaiveDate::from_ymd_opt(2025, 3, 8).unwrap()), DayKind::Holiday);
    /// assert_eq!(ru.day_kind(NaiveDate::from_ymd_opt(2025, 3, 9).unwrap()), DayKind::Weekend);
    /// assert_eq!(ru.day_kind(NaiveDate::from_ymd_opt(2030, 1, 1).unwrap()), DayKind::Working); // no data for 2030
    /// ```
    pub fn day_kind(&self, date: NaiveDate) -> DayKind {
        match self.days.get(&date) {
            Some(day) => day.kind,
            None if is_weekend(date) => DayKind::Weekend,
            None => DayKind::Working,
        }
    }

    /// The name of the holiday on `date`, if it is one.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let ru = ticketry::calendar::Calendar::russia();
    /// assert_eq!(ru.holiday_name(NaiveDate::from_ymd_opt(2026, 6, 12).unwrap()), Some("День России"));
    /// assert_eq!(ru.holiday_name(NaiveDate::from_ymd_opt(2026, 6, 15).unwrap()), None);
    /// ```
    pub fn holiday_name(&self, date: NaiveDate) -> Option<&str> {
        self.days.get(&date).and_then(|d| d.name.as_deref())
    }

    /// Whether `date` is a business day.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let ru = ticketry::calendar::Calendar::russia();
    /// assert!(!ru.is_working_day(NaiveDate::from_ymd_opt(2026, 1, 9).unwrap())); // transferred day off
    /// ```
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        self.day_kind(date).is_working()
    }

    /// The first business day on or after `date`.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let ru = ticketry::calendar::Calendar::russia();
    /// let d = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
    /// assert_eq!(ru.next_working_day(d(1, 1)), d(1, 12));
    /// assert_eq!(ru.next_working_day(d(1, 12)), d(1, 12));
    /// ```
    pub fn next_working_day(&self, date: NaiveDate) -> NaiveDate {
        let mut day = date;
        while !self.is_working_day(day) {
            match day.succ_opt() {
                Some(next) => day = next,
                None => break,
            }
        }
        day
    }

    /// The `n`-th business day strictly after `date` (`date` itself for `n = 0`).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let ru = ticketry::calendar::Calendar::russia();
    /// let d = |m, d| NaiveDate::from_ymd_opt(2025, m, d).unwrap();
    /// assert_eq!(ru.add_business_days(d(3, 7), 2), d(3, 11)); // Friday + 2: Monday, Tuesday
    /// assert_eq!(ru.add_business_days(d(12, 30), 2), NaiveDate::from_ymd_opt(2026, 1, 13).unwrap());
    /// ```
    pub fn add_business_days(&self, date: NaiveDate, n: u32) -> NaiveDate {
        let mut day = date;
        let mut left = n;
        while left > 0 {
            match day.succ_opt() {
                Some(next) => day = next,
                None => break,
            }
            if self.is_working_day(day) {
                left -= 1;
            }
        }
        day
    }

    /// The number of business days in `(start, end]`; 0 when `end <= start`.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let ru = ticketry::calendar::Calendar::russia();
    /// let d = |m, d| NaiveDate::from_ymd_opt(2025, m, d).unwrap();
    /// assert_eq!(ru.business_days_between(d(4, 30), d(5, 12)), 4); // 5, 6, 7 and 12 May
    /// assert_eq!(ru.business_days_between(d(5, 12), d(4, 30)), 0);
    /// ```
    pub fn business_days_between(&self, start: NaiveDate, end: NaiveDate) -> u32 {
        let mut count = 0u32;
        let mut day = start;
        while day < end {
            match day.succ_opt() {
                Some(next) => day = next,
                None => break,
            }
            if self.is_working_day(day) {
                count = count.saturating_add(1);
            }
        }
        count
    }

    /// When `n` business days have passed since `from`, counted in time zone `tz`.
    ///
    /// The deadline is the same local time of day on the `n`-th business day
    /// after `from`'s local date. When `from` falls on a day off, counting
    /// starts at 00:00 of the next business day. So, in Moscow, with `n = 2`:
    ///
    /// | from (local) | deadline (local) |
    /// |---|---|
    /// | Monday 10:00 | Wednesday 10:00 |
    /// | Friday 15:00 | Tuesday 15:00 |
    /// | Saturday 12:00 | Wednesday 00:00 |
    /// | 30 Dec 2025 10:00 | 13 Jan 2026 10:00 (the New Year holidays are skipped) |
    ///
    /// A local time that does not exist on the deadline's date (a daylight-saving
    /// gap) moves forward by the gap; an ambiguous one takes the earlier instant.
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use chrono_tz::Europe::Moscow;
    /// let ru = ticketry::calendar::Calendar::russia();
    /// // Friday 7 March 2025, 12:00 in Moscow (09:00 UTC); Saturday 8 March is a holiday anyway.
    /// let from = Utc.with_ymd_and_hms(2025, 3, 7, 9, 0, 0).unwrap();
    /// let deadline = ru.business_deadline(from, 2, Moscow);
    /// assert_eq!(deadline, Utc.with_ymd_and_hms(2025, 3, 11, 9, 0, 0).unwrap());
    /// ```
    pub fn business_deadline<Tz: TimeZone>(
        &self,
        from: DateTime<Utc>,
        n: u32,
        tz: Tz,
    ) -> DateTime<Utc> {
        let local = from.with_timezone(&tz).naive_local();
        let (start, time) = if self.is_working_day(local.date()) {
            (local.date(), local.time())
        } else {
            (self.next_working_day(local.date()), NaiveTime::MIN)
        };
        let naive = self.add_business_days(start, n).and_time(time);
        let mut probe = naive;
        // Step over a daylight-saving gap (at most a few hours anywhere).
        for _ in 0..48 {
            if let Some(instant) = tz.from_local_datetime(&probe).earliest() {
                return instant.with_timezone(&Utc);
            }
            match probe.checked_add_signed(Duration::minutes(30)) {
                Some(next) => probe = next,
                None => break,
            }
        }
        tz.from_utc_datetime(&naive).with_timezone(&Utc)
    }
}
