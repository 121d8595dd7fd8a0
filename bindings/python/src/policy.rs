//! The policy and the production calendar.

use pyo3::prelude::*;
use ticketry::calendar::Calendar;
use ticketry::Policy;

use crate::convert::{self, invalid, to_json, Failure};

/// The policy (the core's `Policy`). Wrapped by `ticketry.Policy`.
#[pyclass(module = "ticketry._ticketry", frozen)]
pub struct RawPolicy {
    inner: Policy,
}

#[pymethods]
impl RawPolicy {
    /// The regulation's defaults.
    #[staticmethod]
    fn defaults() -> RawPolicy {
        RawPolicy {
            inner: Policy::default(),
        }
    }

    /// `Policy::from_json`: every field optional, validated.
    #[staticmethod]
    fn from_json(text: &str) -> PyResult<RawPolicy> {
        let inner = Policy::from_json(text).map_err(Failure::from)?;
        Ok(RawPolicy { inner })
    }

    /// `Policy::to_json`.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The policy's calendar.
    fn calendar(&self) -> RawCalendar {
        RawCalendar::wrap(self.inner.calendar.clone())
    }

    /// The policy with another calendar.
    fn with_calendar(&self, calendar: &RawCalendar) -> RawPolicy {
        let mut inner = self.inner.clone();
        inner.calendar = calendar.inner.clone();
        RawPolicy { inner }
    }

    /// Whether two policies are equal.
    fn equals(&self, other: &RawPolicy) -> bool {
        self.inner == other.inner
    }
}

impl RawPolicy {
    /// The core's policy.
    pub fn get(&self) -> &Policy {
        &self.inner
    }
}

/// The production calendar (the core's `Calendar`). Wrapped by `ticketry.Calendar`.
#[pyclass(module = "ticketry._ticketry", frozen)]
pub struct RawCalendar {
    inner: Calendar,
}

#[pymethods]
impl RawCalendar {
    /// The bundled Russian production calendar.
    #[staticmethod]
    fn russia() -> RawCalendar {
        RawCalendar::wrap(Calendar::russia())
    }

    /// Saturdays and Sundays only.
    #[staticmethod]
    fn weekends_only() -> RawCalendar {
        RawCalendar::wrap(Calendar::weekends_only())
    }

    /// `Calendar::from_json`.
    #[staticmethod]
    fn from_json(text: &str) -> PyResult<RawCalendar> {
        Ok(RawCalendar::wrap(
            Calendar::from_json(text).map_err(Failure::from)?,
        ))
    }

    /// `Calendar::from_xmlcalendar`.
    #[staticmethod]
    fn from_xmlcalendar(xml: &str) -> PyResult<RawCalendar> {
        Ok(RawCalendar::wrap(
            Calendar::from_xmlcalendar(xml).map_err(Failure::from)?,
        ))
    }

    /// `Calendar::to_json`.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// `Calendar::merge`, as a new calendar.
    fn merged(&self, other: &RawCalendar) -> RawCalendar {
        let mut inner = self.inner.clone();
        inner.merge(other.inner.clone());
        RawCalendar { inner }
    }

    /// Whether two calendars are equal.
    fn equals(&self, other: &RawCalendar) -> bool {
        self.inner == other.inner
    }

    /// The years it covers.
    fn years(&self) -> Vec<i32> {
        self.inner.years()
    }

    /// Whether it covers `year`.
    fn covers(&self, year: i32) -> bool {
        self.inner.covers(year)
    }

    /// The special days, as JSON.
    fn days_json(&self) -> PyResult<String> {
        let days: Vec<_> = self.inner.days().collect();
        Ok(to_json(&days)?)
    }

    /// The kind of a day (its JSON name).
    fn day_kind(&self, day: &str) -> PyResult<String> {
        let kind = self.inner.day_kind(convert::date(day, "date")?);
        Ok(to_json(&kind)?.trim_matches('"').to_owned())
    }

    /// The holiday's name, if any.
    fn holiday_name(&self, day: &str) -> PyResult<Option<String>> {
        let day = convert::date(day, "date")?;
        Ok(self.inner.holiday_name(day).map(str::to_owned))
    }

    /// Whether the day is a working day.
    fn is_working_day(&self, day: &str) -> PyResult<bool> {
        Ok(self.inner.is_working_day(convert::date(day, "date")?))
    }

    /// The day, or the next working day after it.
    fn next_working_day(&self, day: &str) -> PyResult<String> {
        let day = self.inner.next_working_day(convert::date(day, "date")?);
        Ok(day.format("%Y-%m-%d").to_string())
    }

    /// The day `n` business days after `day`.
    fn add_business_days(&self, day: &str, n: u32) -> PyResult<String> {
        let day = self.inner.add_business_days(convert::date(day, "date")?, n);
        Ok(day.format("%Y-%m-%d").to_string())
    }

    /// Business days between two days.
    fn business_days_between(&self, start: &str, end: &str) -> PyResult<u32> {
        let start = convert::date(start, "start")?;
        Ok(self
            .inner
            .business_days_between(start, convert::date(end, "end")?))
    }

    /// `Calendar::business_deadline` in an IANA time zone; RFC 3339 text.
    fn business_deadline(&self, from_: &str, n: u32, time_zone: &str) -> PyResult<String> {
        let from = convert::time(from_, "from")?;
        let tz: chrono_tz::Tz = time_zone.parse().map_err(|_| {
            invalid(
                "time_zone",
                format!("`{time_zone}` is not an IANA time zone"),
            )
        })?;
        let at = self.inner.business_deadline(from, n, tz);
        Ok(at.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true))
    }
}

impl RawCalendar {
    /// Wraps a core calendar.
    pub fn wrap(inner: Calendar) -> RawCalendar {
        RawCalendar { inner }
    }
}
