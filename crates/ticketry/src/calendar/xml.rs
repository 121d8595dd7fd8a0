//! The xmlcalendar XML format, read with quick-xml.
//!
//! `<calendar year="Y">`, `<holiday id="N" title="…"/>`, and
//! `<day d="MM.DD" t="T" h="N" f="MM.DD"/>` where `t=1` is a day off,
//! `t=2` a shortened working day and `t=3` a working Saturday or Sunday.

use std::collections::HashMap;

use chrono::NaiveDate;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::CalendarError;

pub(super) enum XmlKind {
    DayOff { from: Option<NaiveDate> },
    Shortened,
    WorkingWeekend,
}

pub(super) struct XmlDay {
    pub date: NaiveDate,
    pub kind: XmlKind,
    pub holiday: Option<String>,
}

pub(super) struct XmlYear {
    pub year: i32,
    pub days: Vec<XmlDay>,
}

fn line_of(xml: &str, pos: usize) -> usize {
    xml.get(..pos)
        .map(|s| s.matches('\n').count() + 1)
        .unwrap_or(1)
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
    let (m, d) = text
        .split_once('.')
        .ok_or_else(|| format!("`{attr}=\"{text}\"` is not MM.DD"))?;
    let (m, d) = (m.trim().parse::<u32>(), d.trim().parse::<u32>());
    match (m, d) {
        (Ok(m), Ok(d)) => NaiveDate::from_ymd_opt(year, m, d)
            .ok_or_else(|| format!("`{attr}=\"{text}\"` is not a date of {year}")),
        _ => Err(format!("`{attr}=\"{text}\"` is not MM.DD")),
    }
}

pub(super) fn parse(xml: &str) -> Result<XmlYear, CalendarError> {
    let mut reader = Reader::from_str(xml);
    let mut year: Option<i32> = None;
    let mut titles: HashMap<String, String> = HashMap::new();
    let mut raw_days: Vec<(usize, HashMap<String, String>)> = Vec::new();
    loop {
        let pos = usize::try_from(reader.buffer_position()).unwrap_or(0);
        let fail = |message: String| CalendarError::MalformedXml {
            line: line_of(xml, pos),
            message,
        };
        match reader.read_event() {
            Err(e) => return Err(fail(e.to_string())),
            Ok(Event::Eof) => break,
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                let attrs = attributes(&e).map_err(fail)?;
                match e.name().as_ref() {
                    b"calendar" => {
                        let y = attrs
                            .get("year")
                            .ok_or_else(|| fail("<calendar> has no `year`".into()))?;
                        year = Some(
                            y.trim()
                                .parse()
                                .map_err(|_| fail(format!("year `{y}` is not a number")))?,
                        );
                    }
                    b"holiday" => {
                        if let (Some(id), Some(title)) = (attrs.get("id"), attrs.get("title")) {
                            titles.insert(id.clone(), title.clone());
                        }
                    }
                    b"day" => raw_days.push((line_of(xml, pos), attrs)),
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
        let holiday = attrs.get("h").and_then(|h| {
            titles
                .get(h)
                .cloned()
                .or_else(|| Some(format!("holiday {h}")))
        });
        days.push(XmlDay {
            date,
            kind,
            holiday,
        });
    }
    Ok(XmlYear { year, days })
}
