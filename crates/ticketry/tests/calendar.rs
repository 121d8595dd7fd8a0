//! The business-day calendar: every day of 2024–2026 against the public
//! production calendar, and the arithmetic the CLS-S1 wait relies on.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;

use chrono::{Datelike, NaiveDate, TimeZone, Utc, Weekday};
use chrono_tz::Europe::Moscow;
use proptest::prelude::*;
use ticketry::calendar::{Calendar, DayKind};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/ru-production-calendar")
}

/// What the xmlcalendar file says of each listed day, read with plain string
/// scanning (independent of the crate's quick-xml loader): (date, t, has h, has f).
fn scan_xml(xml: &str, year: i32) -> Vec<(NaiveDate, char, bool, bool)> {
    let mut out = Vec::new();
    for chunk in xml.split("<day ").skip(1) {
        let tag = &chunk[..chunk.find("/>").unwrap()];
        let attr = |name: &str| -> Option<String> {
            let key = format!("{name}=\"");
            let start = tag.find(&key)? + key.len();
            Some(tag[start..].split('"').next()?.to_owned())
        };
        let md = attr("d").unwrap();
        let (m, day) = md.split_once('.').unwrap();
        let t = attr("t").unwrap().chars().next().unwrap();
        out.push((
            d(year, m.parse().unwrap(), day.parse().unwrap()),
            t,
            attr("h").is_some(),
            attr("f").is_some(),
        ));
    }
    out
}

/// CLS-S1 counts business days: the bundled calendar and the XML loader must
/// agree with the production calendar on every single day of 2024, 2025, 2026.
#[test]
fn cls_s1_calendar_agrees_with_every_day_of_2024_to_2026() {
    let dir = data_dir();
    if !dir.exists() {
        println!("skipped: {} not found", dir.display());
        return;
    }
    let bundled = Calendar::russia();
    for year in [2024, 2025, 2026] {
        let xml = std::fs::read_to_string(dir.join(format!("{year}.xml"))).unwrap();
        let listed = scan_xml(&xml, year);
        let loaded = Calendar::from_xmlcalendar(&xml).unwrap();
        assert_eq!(loaded.years(), vec![year]);
        let mut day = d(year, 1, 1);
        let mut checked = 0;
        while day.year() == year {
            let entry = listed.iter().find(|(date, ..)| *date == day);
            let weekend = matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
            let (working, kind) = match entry {
                Some((_, '1', true, _)) => (false, DayKind::Holiday),
                Some((_, '1', false, _)) => (false, DayKind::TransferredDayOff),
                Some((_, '2', ..)) => (true, DayKind::Shortened),
                Some((_, '3', ..)) => (true, DayKind::WorkingWeekend),
                Some(other) => panic!("unexpected entry {other:?}"),
                None if weekend => (false, DayKind::Weekend),
                None => (true, DayKind::Working),
            };
            for (name, cal) in [("bundled", &bundled), ("loaded", &loaded)] {
                assert_eq!(cal.is_working_day(day), working, "{name}: {day}");
                assert_eq!(cal.day_kind(day), kind, "{name}: {day}");
            }
            checked += 1;
            day = day.succ_opt().unwrap();
        }
        assert_eq!(checked, if year == 2024 { 366 } else { 365 });
        // The bundled data for the year equals what the loader reads.
        let bundled_days: Vec<_> = bundled
            .days()
            .filter(|s| s.date.year() == year)
            .cloned()
            .collect();
        let loaded_days: Vec<_> = loaded.days().cloned().collect();
        assert_eq!(bundled_days, loaded_days, "{year}");
    }
}

/// Working-day counts per year published with the production calendar.
#[test]
fn cls_s1_working_days_per_year_match_the_published_totals() {
    let ru = Calendar::russia();
    let count = |y: i32| ru.business_days_between(d(y - 1, 12, 31), d(y, 12, 31));
    assert_eq!(count(2024), 248);
    assert_eq!(count(2025), 247);
    assert_eq!(count(2026), 247);
}

#[test]
fn known_days_without_the_data_folder() {
    let ru = Calendar::russia();
    for day in 1..=8 {
        assert!(!ru.is_working_day(d(2025, 1, day)), "2025-01-{day}");
    }
    assert_eq!(ru.day_kind(d(2025, 1, 9)), DayKind::Working);
    assert_eq!(ru.day_kind(d(2025, 11, 1)), DayKind::Shortened);
    assert_eq!(d(2025, 11, 1).weekday(), Weekday::Sat);
    assert_eq!(ru.day_kind(d(2024, 12, 28)), DayKind::WorkingWeekend);
    assert_eq!(ru.day_kind(d(2024, 12, 30)), DayKind::TransferredDayOff);
    assert_eq!(ru.day_kind(d(2026, 1, 9)), DayKind::TransferredDayOff);
    assert_eq!(ru.day_kind(d(2025, 5, 2)), DayKind::TransferredDayOff);
    assert_eq!(
        ru.days().find(|s| s.date == d(2025, 5, 2)).unwrap().from,
        Some(d(2025, 1, 4))
    );
    assert_eq!(ru.holiday_name(d(2025, 5, 9)), Some("День Победы"));
    assert_eq!(ru.day_kind(d(2025, 4, 30)), DayKind::Shortened);
    assert!(ru.is_working_day(d(2025, 4, 30)));
}

#[test]
fn outside_the_data_the_weekend_rule_applies() {
    let ru = Calendar::russia();
    assert!(!ru.covers(2027));
    assert_eq!(ru.day_kind(d(2027, 1, 1)), DayKind::Working); // a Friday, no data
    assert_eq!(ru.day_kind(d(2027, 1, 2)), DayKind::Weekend);
    assert_eq!(ru.day_kind(d(2023, 12, 29)), DayKind::Working);
}

/// CLS-S1: the wait after the repeated request, in Moscow business days.
#[test]
fn cls_s1_business_deadline_examples() {
    let ru = Calendar::russia();
    let msk = |y, m, day, h, min| {
        Moscow
            .with_ymd_and_hms(y, m, day, h, min, 0)
            .unwrap()
            .with_timezone(&Utc)
    };
    // Monday 10:00 + 2 → Wednesday 10:00.
    assert_eq!(
        ru.business_deadline(msk(2025, 3, 17, 10, 0), 2, Moscow),
        msk(2025, 3, 19, 10, 0)
    );
    // Friday 15:00 + 2 → Tuesday 15:00.
    assert_eq!(
        ru.business_deadline(msk(2025, 3, 21, 15, 0), 2, Moscow),
        msk(2025, 3, 25, 15, 0)
    );
    // Saturday 12:00 + 2 → counting starts Monday 00:00 → Wednesday 00:00.
    assert_eq!(
        ru.business_deadline(msk(2025, 3, 22, 12, 0), 2, Moscow),
        msk(2025, 3, 26, 0, 0)
    );
    // Across the New Year holidays: 30 Dec 2025 + 2 → 13 Jan 2026.
    assert_eq!(
        ru.business_deadline(msk(2025, 12, 30, 10, 0), 2, Moscow),
        msk(2026, 1, 13, 10, 0)
    );
    // Before the May holidays: Wednesday 30 April 2025 + 2 → Tuesday 6 May.
    assert_eq!(
        ru.business_deadline(msk(2025, 4, 30, 10, 0), 2, Moscow),
        msk(2025, 5, 6, 10, 0)
    );
    // One business day after a Friday.
    assert_eq!(
        ru.business_deadline(msk(2025, 3, 21, 15, 0), 1, Moscow),
        msk(2025, 3, 24, 15, 0)
    );
    // A late-evening UTC time that is already the next day in Moscow.
    let utc_evening = Utc.with_ymd_and_hms(2025, 3, 21, 22, 30, 0).unwrap(); // Saturday 01:30 MSK
    assert_eq!(
        ru.business_deadline(utc_evening, 2, Moscow),
        msk(2025, 3, 26, 0, 0)
    );
}

#[test]
fn deadline_in_a_zone_with_daylight_saving_does_not_panic() {
    let cal = Calendar::weekends_only();
    let berlin = chrono_tz::Europe::Berlin;
    // Friday 28 March 2025 02:30 Berlin; the deadline day, Tuesday, has no gap,
    // but the start in a gap day must still work.
    let from = berlin
        .with_ymd_and_hms(2025, 3, 28, 2, 30, 0)
        .unwrap()
        .with_timezone(&Utc);
    let deadline = cal.business_deadline(from, 2, berlin);
    assert_eq!(
        deadline,
        berlin
            .with_ymd_and_hms(2025, 4, 1, 2, 30, 0)
            .unwrap()
            .with_timezone(&Utc)
    );
    // A start on Sunday 30 March (the gap day) counts from Monday 00:00.
    let from = Utc.with_ymd_and_hms(2025, 3, 30, 1, 15, 0).unwrap();
    assert_eq!(
        cal.business_deadline(from, 0, berlin),
        berlin.with_ymd_and_hms(2025, 3, 31, 0, 0, 0).unwrap()
    );
}

#[test]
fn json_round_trip_and_validation_errors_name_the_field() {
    let ru = Calendar::russia();
    assert_eq!(Calendar::from_json(&ru.to_json()).unwrap(), ru);
    let err = Calendar::from_json(
        r#"{"years": [2027], "days": [{"date": "2027-01-01", "kind": "feast"}]}"#,
    )
    .unwrap_err();
    assert_eq!(err.code(), "calendar_malformed_json");
    assert!(err.to_string().contains("days[0].kind"), "{err}");
    let err = Calendar::from_json(
        r#"{"years": [2027], "days": [{"date": "2028-01-01", "kind": "holiday"}]}"#,
    )
    .unwrap_err();
    assert_eq!(err.code(), "calendar_invalid_day");
    let err = Calendar::from_json(
        r#"{"years": [2027], "days": [{"date": "2027-01-01", "kind": "holiday"}, {"date": "2027-01-01", "kind": "shortened"}]}"#,
    )
    .unwrap_err();
    assert_eq!(err.to_string(), "invalid day 2027-01-01: listed twice");
    let err = Calendar::from_json(
        r#"{"years": [2027], "days": [{"date": "2027-01-04", "kind": "working"}]}"#,
    )
    .unwrap_err();
    assert_eq!(err.code(), "calendar_invalid_day");
    let err = Calendar::from_json(r#"{"years": [2027], "dayz": []}"#).unwrap_err();
    assert_eq!(err.code(), "calendar_malformed_json");
}

#[test]
fn xml_errors_give_the_line() {
    let err = Calendar::from_xmlcalendar(
        "<calendar year=\"2027\">\n<days>\n<day d=\"13.01\" t=\"1\"/>\n</days></calendar>",
    )
    .unwrap_err();
    assert_eq!(err.code(), "calendar_malformed_xml");
    assert!(
        err.to_string()
            .starts_with("malformed xmlcalendar XML at line 3:"),
        "{err}"
    );
    let err = Calendar::from_xmlcalendar(
        "<calendar year=\"2027\"><days><day d=\"01.01\" t=\"9\"/></days></calendar>",
    )
    .unwrap_err();
    assert!(err.to_string().contains("t=\"9\""), "{err}");
    let err = Calendar::from_xmlcalendar("<days></days>").unwrap_err();
    assert!(err.to_string().contains("no <calendar"), "{err}");
    let err = Calendar::from_xmlcalendar(
        "<calendar year=\"2027\"><days><day d=\"01.05\" t=\"3\"/></days></calendar>",
    )
    .unwrap_err();
    assert_eq!(err.code(), "calendar_invalid_day"); // 5 Jan 2027 is a Tuesday
}

#[test]
fn merge_adds_years_and_replaces_a_covered_year() {
    let mut cal = Calendar::russia();
    let y2027 = Calendar::from_json(
        r#"{"years": [2027], "days": [{"date": "2027-01-01", "kind": "holiday"}]}"#,
    )
    .unwrap();
    cal.merge(y2027);
    assert!(cal.covers(2027));
    assert!(!cal.is_working_day(d(2027, 1, 1)));
    // A new 2025 with no special days replaces the bundled one.
    cal.merge(Calendar::from_json(r#"{"years": [2025], "days": []}"#).unwrap());
    assert!(cal.is_working_day(d(2025, 1, 3)));
    assert!(!cal.is_working_day(d(2024, 1, 3)));
}

proptest! {
    /// add_business_days lands on a business day exactly n business days later.
    #[test]
    fn cls_s1_add_business_days_is_consistent(offset in 0i64..1400, n in 0u32..40) {
        let ru = Calendar::russia();
        let start = d(2023, 6, 1) + chrono::Duration::days(offset);
        let end = ru.add_business_days(start, n);
        if n > 0 {
            prop_assert!(ru.is_working_day(end));
        } else {
            prop_assert_eq!(end, start);
        }
        prop_assert_eq!(ru.business_days_between(start, end), n);
    }

    /// The deadline is never earlier than the start, and moves with n.
    #[test]
    fn cls_s1_deadline_is_monotonic(secs in 1_700_000_000i64..1_800_000_000, n in 0u32..5) {
        let ru = Calendar::russia();
        let from = Utc.timestamp_opt(secs, 0).unwrap();
        let a = ru.business_deadline(from, n, Moscow);
        let b = ru.business_deadline(from, n + 1, Moscow);
        prop_assert!(a >= from);
        prop_assert!(b > a);
    }
}
