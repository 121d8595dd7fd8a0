//! The xmlcalendar XML format, read with quick-xml.
//!
//! `<calendar year="Y">`, `<holiday id="N" title="…"/>`, and
//! `<day d="MM.DD" t="T" h="N" f="MM.DD"/>` where `t=1` is a day off,
//! `t=2` a shortened working day and `t=3` a working Saturday or Sunday.
//! This module only reads the syntax; the calendar's rules (a working
//! weekend must be a Saturday or Sunday, no date twice) are checked by the
//! caller, which gets each day's line for its messages.

use std::collections::HashMap;

use chrono::NaiveDate;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::CalendarError;

/// What a `<day>` says, by its `t`.
pub(super) enum XmlKind {
    /// `t="1"`, with the date it was moved from (`f`), if any.
    DayOff { from: Option<NaiveDate> },
    /// `t="2"`.
    Shortened,
    /// `t="3"`.
    WorkingWeekend,
}

/// One `<day>` element.
pub(super) struct XmlDay {
    /// The line of the element, from 1.
    pub line: usize,
    pub date: NaiveDate,
    pub kind: XmlKind,
    /// The title of the holiday its `h` refers to.
    pub holiday: Option<String>,
}

/// One year file.
pub(super) struct XmlYear {
    pub year: i32,
    pub days: Vec<XmlDay>,
}

/// Counts lines incrementally as the reader moves forward.
struct Lines<'a> {
    text: &'a str,
    pos: usize,
    line: usize,
}

impl Lines<'_> {
    /// The line (from 1) of byte offset `pos`, which must not go backwards.
    fn at(&mut self, pos: usize) -> usize {
        if pos > self.pos {
            let newlines = self
                .text
                .as_bytes()
                .get(self.pos..pos)
                .map_or(0, |s| s.iter().filter(|&&b| b == b'\n').count());
            self.line += newlines;
            self.pos = pos;
        }
        self.line
    }
}

fn attributes(e: &BytesStart<'_>) -> Result<HashMap<String, String>, String> {
    let mut map = HashMap::new();
    for attr in e.attributes() {
        let attr = attr.map_err(|err| err.to_string())?;
        let key = String::from_utf8_lossy(attr.key.as_ref()).into_owned();
        let value = attr
            .unescape_value()
            .map_err(|err| err.to_string())?
            .into_owned();
        map.insert(key, value);
    }
    Ok(map)
}

fn month_day(year: i32, text: &str, attr: &str) -> Result<NaiveDate, String> {
    let not_md = || format!("`{attr}=\"{text}\"` is not MM.DD");
    let (m, d) = text.split_once('.').ok_or_else(not_md)?;
    match (m.trim().parse::<u32>(), d.trim().parse::<u32>()) {
        (Ok(m), Ok(d)) => NaiveDate::from_ymd_opt(year, m, d)
            .ok_or_else(|| format!("`{attr}=\"{text}\"` is not a date of {year}")),
        _ => Err(not_md()),
    }
}

pub(super) fn parse(xml: &str) -> Result<XmlYear, CalendarError> {
    let mut reader = Reader::from_str(xml);
    let mut lines = Lines {
        text: xml,
        pos: 0,
        line: 1,
    };
    let mut year: Option<i32> = None;
    let mut titles: HashMap<String, String> = HashMap::new();
    let mut raw_days: Vec<(usize, HashMap<String, String>)> = Vec::new();
    loop {
        let pos = usize::try_from(reader.buffer_position()).unwrap_or(0);
        let line = lines.at(pos);
        let fail = |message: String| CalendarError::MalformedXml { line, message };
        match reader.read_event() {
            Err(e) => {
                // The reader stopped at the problem, or at the end for an unclosed tag.
                let at = usize::try_from(reader.error_position()).unwrap_or(pos);
                return Err(CalendarError::MalformedXml {
                    line: lines.at(at),
                    message: e.to_string(),
                });
            }
            Ok(Event::Eof) => break,
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                let attrs = attributes(&e).map_err(fail)?;
                match e.name().as_ref() {
                    b"calendar" => {
                        if year.is_some() {
                            return Err(fail("a second <calendar> element".into()));
                        }
                        let y = attrs
                            .get("year")
                            .ok_or_else(|| fail("<calendar> has no `year`".into()))?;
                        let y = y
                            .trim()
                            .parse::<i32>()
                            .ok()
                            .filter(|y| NaiveDate::from_ymd_opt(*y, 1, 1).is_some())
                            .ok_or_else(|| fail(format!("year `{y}` is not a year")))?;
                        year = Some(y);
                    }
                    b"holiday" => {
                        let id = attrs
                            .get("id")
                            .ok_or_else(|| fail("<holiday> has no `id`".into()))?;
                        let title = attrs
                            .get("title")
                            .ok_or_else(|| fail("<holiday> has no `title`".into()))?;
                        titles.insert(id.trim().to_owned(), title.clone());
                    }
                    b"day" => raw_days.push((line, attrs)),
                    _ => {}
                }
            }
            Ok(_) => {}
        }
    }
    let year = year.ok_or(CalendarError::MalformedXml {
        line: 1,
        message: "no <calendar year=…> element".into(),
    })?;
    let mut days = Vec::with_capacity(raw_days.len());
    for (line, attrs) in raw_days {
        let fail = |message: String| CalendarError::MalformedXml { line, message };
        let d = attrs
            .get("d")
            .ok_or_else(|| fail("<day> has no `d`".into()))?;
        let date = month_day(year, d, "d").map_err(fail)?;
        let from = match attrs.get("f") {
            Some(f) => Some(month_day(year, f, "f").map_err(fail)?),
            None => None,
        };
        let kind = match attrs.get("t").map(|t| t.trim()) {
            Some("1") => XmlKind::DayOff { from },
            Some("2") => XmlKind::Shortened,
            Some("3") => XmlKind::WorkingWeekend,
            Some(other) => {
                return Err(fail(format!(
                    "unknown day type t=\"{other}\" (expected 1, 2 or 3)"
                )))
            }
            None => return Err(fail("<day> has no `t`".into())),
        };
        if from.is_some() && !matches!(kind, XmlKind::DayOff { .. }) {
            return Err(fail("`f` is only for a day off (t=\"1\")".into()));
        }
        let holiday = match attrs.get("h") {
            Some(h) => Some(
                titles
                    .get(h.trim())
                    .cloned()
                    .ok_or_else(|| fail(format!("h=\"{h}\" names no <holiday id=\"{h}\">")))?,
            ),
            None => None,
        };
        days.push(XmlDay {
            line,
            date,
            kind,
            holiday,
        });
    }
    Ok(XmlYear { year, days })
}
