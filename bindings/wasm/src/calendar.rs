//! Business days: the core's `Calendar`.

use ticketry::calendar::Calendar;
use wasm_bindgen::prelude::*;

use crate::convert::{self, invalid, to_js, Failure, JsResult};

/// A business-day calendar (the core's `Calendar`). Wrapped by `Calendar` in `npm/api.js`.
#[wasm_bindgen]
pub struct RawCalendar {
    inner: Calendar,
}

#[wasm_bindgen]
impl RawCalendar {
    /// `Calendar::russia`: the bundled Russian production calendar.
    pub fn russia() -> RawCalendar {
        RawCalendar::wrap(Calendar::russia())
    }

    /// `Calendar::weekends_only`: Saturday and Sunday off, no data.
    pub fn weekends_only() -> RawCalendar {
        RawCalendar::wrap(Calendar::weekends_only())
    }

    /// `Calendar::from_json`: JSON text or a value.
    pub fn from_value(value: &JsValue) -> JsResult<RawCalendar> {
        let text = convert::text_or_json(value, "calendar")?;
        Ok(RawCalendar::wrap(
            Calendar::from_json(&text).map_err(Failure::from)?,
        ))
    }

    /// `Calendar::from_xmlcalendar`.
    pub fn from_xmlcalendar(xml: &JsValue) -> JsResult<RawCalendar> {
        let xml = convert::string(xml, "xml")?;
        Ok(RawCalendar::wrap(
            Calendar::from_xmlcalendar(&xml).map_err(Failure::from)?,
        ))
    }

    /// The calendar as the core's JSON value.
    pub fn to_value(&self) -> JsResult<JsValue> {
        convert::json_text_to_js(&self.inner.to_json())
    }

    /// `Calendar::merge`: the other calendar's years replace these.
    pub fn merge(&mut self, other: &RawCalendar) {
        self.inner.merge(other.inner.clone());
    }

    /// A copy of the calendar.
    pub fn copy(&self) -> RawCalendar {
        RawCalendar::wrap(self.inner.clone())
    }

    /// The years the calendar has data for.
    pub fn years(&self) -> JsResult<JsValue> {
        to_js(&self.inner.years())
    }

    /// `Calendar::covers`.
    pub fn covers(&self, year: &JsValue) -> JsResult<bool> {
        Ok(self.inner.covers(convert::int32(year, "year")?))
    }

    /// The special days (exceptions to the plain rule), as the core's JSON.
    pub fn days(&self) -> JsResult<JsValue> {
        let days: Vec<_> = self.inner.days().collect();
        to_js(&days)
    }

    /// `Calendar::day_kind`.
    pub fn day_kind(&self, day: &JsValue) -> JsResult<JsValue> {
        to_js(&self.inner.day_kind(convert::date(day, "date")?))
    }

    /// `Calendar::holiday_name`, or `undefined`.
    pub fn holiday_name(&self, day: &JsValue) -> JsResult<JsValue> {
        let day = convert::date(day, "date")?;
        Ok(self
            .inner
            .holiday_name(day)
            .map_or(JsValue::UNDEFINED, JsValue::from_str))
    }

    /// `Calendar::is_working_day`.
    pub fn is_working_day(&self, day: &JsValue) -> JsResult<bool> {
        Ok(self.inner.is_working_day(convert::date(day, "date")?))
    }

    /// `Calendar::next_working_day`, as `YYYY-MM-DD`.
    pub fn next_working_day(&self, day: &JsValue) -> JsResult<JsValue> {
        to_js(&self.inner.next_working_day(convert::date(day, "date")?))
    }

    /// `Calendar::add_business_days`, as `YYYY-MM-DD`.
    pub fn add_business_days(&self, day: &JsValue, n: &JsValue) -> JsResult<JsValue> {
        let day = convert::date(day, "date")?;
        to_js(&self.inner.add_business_days(day, convert::uint32(n, "n")?))
    }

    /// `Calendar::business_days_between`.
    pub fn business_days_between(&self, start: &JsValue, end: &JsValue) -> JsResult<u32> {
        let start = convert::date(start, "start")?;
        Ok(self
            .inner
            .business_days_between(start, convert::date(end, "end")?))
    }

    /// `Calendar::business_deadline` in the IANA time zone `time_zone`, as an RFC 3339 time.
    pub fn business_deadline(
        &self,
        from: &JsValue,
        n: &JsValue,
        time_zone: &JsValue,
    ) -> JsResult<JsValue> {
        let from = convert::time(from, "from")?;
        let n = convert::uint32(n, "n")?;
        let name = convert::string(time_zone, "timeZone")?;
        let tz: chrono_tz::Tz = name.parse().map_err(|_| {
            invalid(
                "timeZone",
                format!(
                    "`{name}` is not an IANA time zone{}",
                    convert::zone_filter_note()
                ),
            )
        })?;
        to_js(&self.inner.business_deadline(from, n, tz))
    }
}

impl RawCalendar {
    /// Wraps a core calendar.
    pub fn wrap(inner: Calendar) -> RawCalendar {
        RawCalendar { inner }
    }
}
