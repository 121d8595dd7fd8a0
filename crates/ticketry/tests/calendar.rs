#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! The business-day calendar: every day of 2024–2026 against the public
//! production calendar, and the arithmetic the CLS-S1 wait (1–2 business days
//! after the repeated confirmation request) relies on.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::{Duration as StdDuration, Instant};

use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Utc, Weekday};
use chrono_tz::Europe::Moscow;
use proptest::prelude::*;
use ticketry::calendar::{Calendar, CalendarError, DayKind};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// A local Moscow time as a UTC instant.
fn msk(y: i32, m: u32, day: u32, h: u32, min: u32) -> DateTime<Utc> {
    Moscow
        .with_ymd_and_hms(y, m, day, h, min, 0)
        .unwrap()
        .with_timezone(&Utc)
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/ru-production-calendar")
}

// ---------------------------------------------------------------------------
// An independent reading of the xmlcalendar files: plain string scanning, no
// XML library, none of the crate's loader code.
// ---------------------------------------------------------------------------

/// The value of `name="…"` inside one tag's text.
fn attr(tag: &str, name: &str) -> Option<String> {
    let tag = format!(" {tag}");
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    Some(tag[start..].split('"').next()?.to_owned())
}

/// The text of every `<NAME …/>` tag.
fn tags<'a>(xml: &'a str, name: &str) -> Vec<&'a str> {
    xml.split(&format!("<{name} "))
        .skip(1)
        .map(|chunk| &chunk[..chunk.find('>').unwrap()])
        .collect()
}

/// What the file says of one listed day.
#[derive(Debug)]
struct Listed {
    t: String,
    holiday: Option<String>,
    from: Option<String>,
}

/// The listed days of a year file, by date, with holiday ids resolved to titles.
fn scan_xml(xml: &str, year: i32) -> HashMap<NaiveDate, Listed> {
    let titles: HashMap<String, String> = tags(xml, "holiday")
        .into_iter()
        .map(|tag| (attr(tag, "id").unwrap(), attr(tag, "title").unwrap()))
        .collect();
    let mut out = HashMap::new();
    for tag in tags(xml, "day") {
        let md = attr(tag, "d").unwrap();
        let (m, day) = md.split_once('.').unwrap();
        let date = d(year, m.parse().unwrap(), day.parse().unwrap());
        let listed = Listed {
            t: attr(tag, "t").unwrap(),
            holiday: attr(tag, "h").map(|h| titles[&h].clone()),
            from: attr(tag, "f"),
        };
        assert!(
            out.insert(date, listed).is_none(),
            "{date} listed twice in the file"
        );
    }
    out
}

/// The expected kind of a day from the scan and the weekday rule alone.
fn expected_kind(listed: Option<&Listed>, date: NaiveDate) -> DayKind {
    match listed {
        Some(l) if l.t == "1" && l.from.is_none() && l.holiday.is_some() => DayKind::Holiday,
        Some(l) if l.t == "1" => DayKind::TransferredDayOff,
        Some(l) if l.t == "2" => DayKind::Shortened,
        Some(l) if l.t == "3" => DayKind::WorkingWeekend,
        Some(other) => panic!("{date}: unexpected entry {other:?}"),
        None if is_weekend(date) => DayKind::Weekend,
        None => DayKind::Working,
    }
}

/// CLS-S1 counts business days: the bundled calendar and the XML loader must
/// agree with the production calendar on every single day of 2024, 2025, 2026.
#[test]
fn cls_s1_calendar_agrees_with_every_day_of_2024_to_2026() {
    let dir = data_dir();
    if !dir.exists() {
        println!(
            "skipped: {} not found (the shared reference data lives beside the repository)",
            dir.display()
        );
        return;
    }
    let bundled = Calendar::russia();
    let mut merged = Calendar::weekends_only();
    for year in [2024, 2025, 2026] {
        let path = dir.join(format!("{year}.xml"));
        let xml =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let listed = scan_xml(&xml, year);
        let loaded = Calendar::from_xmlcalendar(&xml).unwrap();
        assert_eq!(loaded.years(), vec![year]);
        let mut day = d(year, 1, 1);
        let (mut checked, mut working_days) = (0, 0);
        while day.year() == year {
            let entry = listed.get(&day);
            let kind = expected_kind(entry, day);
            // Working or not, straight from the format's definition.
            let working = match entry.map(|l| l.t.as_str()) {
                Some("1") => false,
                Some("2") | Some("3") => true,
                _ => !is_weekend(day),
            };
            assert_eq!(kind.is_working(), working, "{day}");
            for (name, cal) in [("russia()", &bundled), ("from_xmlcalendar", &loaded)] {
                assert_eq!(cal.is_working_day(day), working, "{name}: {day}");
                assert_eq!(cal.day_kind(day), kind, "{name}: {day}");
                let title = entry.and_then(|l| l.holiday.as_deref());
                assert_eq!(cal.holiday_name(day), title, "{name}: {day}");
            }
            checked += 1;
            working_days += u32::from(working);
            day = day.succ_opt().unwrap();
        }
        assert_eq!(checked, if year == 2024 { 366 } else { 365 });
        // The count over the year agrees with the day-by-day status.
        let whole_year = d(year - 1, 12, 31);
        assert_eq!(
            bundled.business_days_between(whole_year, d(year, 12, 31)),
            working_days
        );
        // The bundled source holds exactly what the file says, `from` dates included.
        let bundled_days: Vec<_> = bundled
            .days()
            .filter(|s| s.date().year() == year)
            .cloned()
            .collect();
        let loaded_days: Vec<_> = loaded.days().cloned().collect();
        assert_eq!(bundled_days, loaded_days, "{year}");
        for s in loaded.days() {
            let from = listed[&s.date()].from.as_ref();
            let expected = from.map(|f| {
                let (m, day) = f.split_once('.').unwrap();
                d(year, m.parse().unwrap(), day.parse().unwrap())
            });
            assert_eq!(s.transferred_from(), expected, "{}", s.date());
        }
        merged.merge(loaded);
    }
    // Three year files merged give the bundled calendar.
    assert_eq!(merged, bundled);
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
    // New Year holidays 2025: 1–8 January, 7 January is Christmas.
    for day in 1..=8 {
        assert!(!ru.is_working_day(d(2025, 1, day)), "2025-01-{day}");
        assert_eq!(ru.day_kind(d(2025, 1, day)), DayKind::Holiday);
    }
    assert_eq!(ru.holiday_name(d(2025, 1, 1)), Some("Новогодние каникулы"));
    assert_eq!(ru.holiday_name(d(2025, 1, 7)), Some("Рождество Христово"));
    assert_eq!(ru.day_kind(d(2025, 1, 9)), DayKind::Working);
    // Saturday 1 November 2025 is a shortened working day; Monday 3 November is off.
    assert_eq!(d(2025, 11, 1).weekday(), Weekday::Sat);
    assert_eq!(ru.day_kind(d(2025, 11, 1)), DayKind::Shortened);
    assert!(ru.is_working_day(d(2025, 11, 1)));
    assert_eq!(ru.day_kind(d(2025, 11, 3)), DayKind::TransferredDayOff);
    // Saturday 28 December 2024 worked, for Monday 30 December off.
    assert_eq!(ru.day_kind(d(2024, 12, 28)), DayKind::WorkingWeekend);
    assert!(ru.is_working_day(d(2024, 12, 28)));
    assert_eq!(ru.day_kind(d(2024, 12, 30)), DayKind::TransferredDayOff);
    assert_eq!(ru.day_kind(d(2024, 12, 31)), DayKind::TransferredDayOff);
    // Saturday 27 April 2024 worked; 29 and 30 April off.
    assert_eq!(ru.day_kind(d(2024, 4, 27)), DayKind::WorkingWeekend);
    assert!(!ru.is_working_day(d(2024, 4, 29)));
    // Friday 9 January 2026: the day off of Saturday 3 January moved there.
    assert_eq!(ru.day_kind(d(2026, 1, 9)), DayKind::TransferredDayOff);
    let jan_9 = ru.days().find(|s| s.date() == d(2026, 1, 9)).unwrap();
    assert_eq!(jan_9.transferred_from(), Some(d(2026, 1, 3)));
    // Friday 2 May 2025, from Saturday 4 January.
    assert_eq!(ru.day_kind(d(2025, 5, 2)), DayKind::TransferredDayOff);
    let may_2 = ru.days().find(|s| s.date() == d(2025, 5, 2)).unwrap();
    assert_eq!(may_2.transferred_from(), Some(d(2025, 1, 4)));
    assert_eq!(may_2.name(), None);
    assert_eq!(ru.holiday_name(d(2025, 5, 9)), Some("День Победы"));
    assert_eq!(ru.day_kind(d(2025, 4, 30)), DayKind::Shortened);
    // 8 March 2025 is a Saturday and a holiday: no Monday off in exchange (it went to 13 June).
    assert_eq!(ru.day_kind(d(2025, 3, 8)), DayKind::Holiday);
    assert_eq!(ru.day_kind(d(2025, 3, 10)), DayKind::Working);
    assert_eq!(ru.day_kind(d(2025, 6, 13)), DayKind::TransferredDayOff);
    // 2026: Sunday 8 March moves to Monday 9 March; 31 December is off.
    assert_eq!(ru.day_kind(d(2026, 3, 9)), DayKind::TransferredDayOff);
    assert_eq!(ru.day_kind(d(2026, 12, 31)), DayKind::TransferredDayOff);
    // Ordinary days.
    assert_eq!(ru.day_kind(d(2025, 7, 15)), DayKind::Working);
    assert_eq!(ru.day_kind(d(2025, 7, 19)), DayKind::Weekend);
    assert_eq!(Calendar::default(), ru);
    // Every bundled entry is a real date (26 + 23 + 22 exceptions in the decrees),
    // and every year has its New Year holidays.
    assert_eq!(ru.days().count(), 71);
    for year in [2024, 2025, 2026] {
        let count = |y| ru.days().filter(|s| s.date().year() == y).count();
        assert!(count(year) > 20, "{year}");
        assert_eq!(ru.day_kind(d(year, 1, 1)), DayKind::Holiday);
    }
    assert_eq!(ru.days().filter(|s| s.date().year() == 2024).count(), 26);
}

#[test]
fn day_kinds_split_into_working_and_not() {
    use DayKind::*;
    for (kind, working) in [
        (Working, true),
        (Shortened, true),
        (WorkingWeekend, true),
        (Weekend, false),
        (Holiday, false),
        (TransferredDayOff, false),
    ] {
        assert_eq!(kind.is_working(), working, "{kind:?}");
    }
    let names: Vec<String> = [
        Working,
        Shortened,
        WorkingWeekend,
        Weekend,
        Holiday,
        TransferredDayOff,
    ]
    .iter()
    .map(|k| serde_json::to_string(k).unwrap())
    .collect();
    assert_eq!(
        names,
        [
            "\"working\"",
            "\"shortened\"",
            "\"working_weekend\"",
            "\"weekend\"",
            "\"holiday\"",
            "\"transferred_day_off\""
        ]
    );
}

#[test]
fn outside_the_data_the_weekend_rule_applies() {
    let ru = Calendar::russia();
    assert_eq!(ru.years(), vec![2024, 2025, 2026]);
    assert!(ru.covers(2024) && ru.covers(2026));
    assert!(!ru.covers(2023) && !ru.covers(2027));
    assert_eq!(ru.day_kind(d(2027, 1, 1)), DayKind::Working); // a Friday, no data
    assert_eq!(ru.holiday_name(d(2027, 1, 1)), None);
    assert_eq!(ru.day_kind(d(2027, 1, 2)), DayKind::Weekend);
    assert_eq!(ru.day_kind(d(2023, 12, 29)), DayKind::Working);
    // Counting runs on into uncovered years with the plain rule.
    assert_eq!(ru.add_business_days(d(2026, 12, 30), 1), d(2027, 1, 1));
    assert_eq!(ru.add_business_days(d(2026, 12, 30), 2), d(2027, 1, 4));
    assert_eq!(ru.add_business_days(d(2023, 12, 29), 1), d(2024, 1, 9));
    // The plain calendar knows no holidays at all.
    let plain = Calendar::weekends_only();
    assert!(plain.years().is_empty());
    assert_eq!(plain.day_kind(d(2025, 1, 1)), DayKind::Working);
    assert_eq!(plain.day_kind(d(2024, 12, 28)), DayKind::Weekend);
}

#[test]
fn next_working_day_and_add_business_days() {
    let ru = Calendar::russia();
    assert_eq!(ru.next_working_day(d(2025, 1, 1)), d(2025, 1, 9));
    assert_eq!(ru.next_working_day(d(2025, 1, 9)), d(2025, 1, 9));
    assert_eq!(ru.next_working_day(d(2024, 12, 28)), d(2024, 12, 28)); // working Saturday
    assert_eq!(ru.next_working_day(d(2024, 12, 29)), d(2025, 1, 9));
    assert_eq!(ru.add_business_days(d(2024, 12, 27), 1), d(2024, 12, 28));
    assert_eq!(ru.add_business_days(d(2024, 12, 27), 2), d(2025, 1, 9));
    assert_eq!(ru.add_business_days(d(2025, 1, 1), 0), d(2025, 1, 1));
    assert_eq!(ru.add_business_days(d(2025, 1, 1), 1), d(2025, 1, 9));
    // Friday 31 October 2025 + 1: Saturday 1 November is worked.
    assert_eq!(ru.add_business_days(d(2025, 10, 31), 1), d(2025, 11, 1));
    assert_eq!(ru.add_business_days(d(2025, 10, 31), 2), d(2025, 11, 5));
    // A whole year: 247 business days after 31 December 2024 is the last one of 2025.
    assert_eq!(ru.add_business_days(d(2024, 12, 31), 247), d(2025, 12, 30));
}

#[test]
fn business_days_between_counts_the_half_open_interval() {
    let ru = Calendar::russia();
    assert_eq!(ru.business_days_between(d(2025, 3, 17), d(2025, 3, 17)), 0);
    assert_eq!(ru.business_days_between(d(2025, 3, 19), d(2025, 3, 17)), 0);
    assert_eq!(ru.business_days_between(d(2025, 3, 17), d(2025, 3, 19)), 2);
    // Friday → Monday: only Monday counts.
    assert_eq!(ru.business_days_between(d(2025, 3, 21), d(2025, 3, 24)), 1);
    // CLS-S1 over the New Year: 30 Dec 2025 → 12 Jan 2026 is one business day, → 13 Jan two.
    assert_eq!(ru.business_days_between(d(2025, 12, 30), d(2026, 1, 12)), 1);
    assert_eq!(ru.business_days_between(d(2025, 12, 30), d(2026, 1, 13)), 2);
    // The working Saturday counts, the transferred Monday does not.
    assert_eq!(
        ru.business_days_between(d(2024, 12, 27), d(2024, 12, 31)),
        1
    );
    // Far apart, and in reverse: no overflow, no hang.
    let far = ru.business_days_between(d(-200_000, 1, 1), d(200_000, 1, 1));
    assert!(far > 100_000_000);
    assert_eq!(ru.business_days_between(NaiveDate::MAX, NaiveDate::MIN), 0);
}

/// CLS-S1: the wait after the repeated request, in Moscow business days.
#[test]
fn cls_s1_business_deadline_examples() {
    let ru = Calendar::russia();
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
    // Before the May holidays: Wednesday 30 April 2025 + 2 → Tuesday 6 May.
    assert_eq!(
        ru.business_deadline(msk(2025, 4, 30, 10, 0), 2, Moscow),
        msk(2025, 5, 6, 10, 0)
    );
    // The policy's minimum wait, one business day after a Friday.
    assert_eq!(
        ru.business_deadline(msk(2025, 3, 21, 15, 0), 1, Moscow),
        msk(2025, 3, 24, 15, 0)
    );
    // A late-evening UTC time that is already Saturday in Moscow.
    let utc_evening = Utc.with_ymd_and_hms(2025, 3, 21, 22, 30, 0).unwrap(); // Saturday 01:30 MSK
    assert_eq!(
        ru.business_deadline(utc_evening, 2, Moscow),
        msk(2025, 3, 26, 0, 0)
    );
    // n = 0 on a business day is the moment itself; on a day off, the next business day's start.
    assert_eq!(
        ru.business_deadline(msk(2025, 3, 17, 10, 0), 0, Moscow),
        msk(2025, 3, 17, 10, 0)
    );
    assert_eq!(
        ru.business_deadline(msk(2025, 1, 3, 10, 0), 0, Moscow),
        msk(2025, 1, 9, 0, 0)
    );
}

/// CLS-S1 across the New Year holidays. The production calendar makes
/// 31 December 2025 and 1–11 January 2026 days off, so from Tuesday
/// 30 December 10:00 the first business day is Monday 12 January and the
/// second Tuesday 13 January: the default two-day wait ends on 13 January,
/// a one-day wait on 12 January.
#[test]
fn cls_s1_deadline_across_the_new_year_holidays() {
    let ru = Calendar::russia();
    let sent = msk(2025, 12, 30, 10, 0);
    for day in [d(2025, 12, 31)]
        .into_iter()
        .chain((1..=11).map(|day| d(2026, 1, day)))
    {
        assert!(!ru.is_working_day(day), "{day}");
    }
    assert_eq!(
        ru.business_deadline(sent, 2, Moscow),
        msk(2026, 1, 13, 10, 0)
    );
    assert_eq!(
        ru.business_deadline(sent, 1, Moscow),
        msk(2026, 1, 12, 10, 0)
    );
    // Sent during the holidays: counting starts Monday 12 January 00:00.
    assert_eq!(
        ru.business_deadline(msk(2026, 1, 5, 16, 0), 2, Moscow),
        msk(2026, 1, 14, 0, 0)
    );
    // With only the weekend rule, the same request would wait until Thursday 1 January.
    assert_eq!(
        Calendar::weekends_only().business_deadline(sent, 2, Moscow),
        msk(2026, 1, 1, 10, 0)
    );
}

#[test]
fn deadline_in_zones_with_daylight_saving_never_panics() {
    let cal = Calendar::weekends_only();
    let berlin = chrono_tz::Europe::Berlin;
    // Friday 28 March 2025 02:30 in Berlin + 2: Tuesday 1 April 02:30 (now summer time).
    let from = berlin
        .with_ymd_and_hms(2025, 3, 28, 2, 30, 0)
        .unwrap()
        .with_timezone(&Utc);
    assert_eq!(
        cal.business_deadline(from, 2, berlin),
        berlin.with_ymd_and_hms(2025, 4, 1, 2, 30, 0).unwrap()
    );
    // A start on Sunday 30 March (the day the clocks jump) counts from Monday 00:00.
    let from = Utc.with_ymd_and_hms(2025, 3, 30, 1, 15, 0).unwrap();
    assert_eq!(
        cal.business_deadline(from, 0, berlin),
        berlin.with_ymd_and_hms(2025, 3, 31, 0, 0, 0).unwrap()
    );

    // Cairo changes its clocks on weekdays (2024: Friday 26 April 00:00 → 01:00,
    // Thursday 31 October 24:00 → 23:00), so a deadline can fall into the change.
    let cairo = chrono_tz::Africa::Cairo;
    let local = |y, m, day, h, min| {
        cairo.from_local_datetime(&d(y, m, day).and_hms_opt(h, min, 0).unwrap())
    };
    assert!(
        local(2024, 4, 26, 0, 30).earliest().is_none(),
        "tz data: expected a gap"
    );
    // Wednesday 24 April 00:30 + 2 → Friday 26 April 00:30, which the clocks skip:
    // the deadline is the moment they jump (22:00 UTC the day before).
    let from = local(2024, 4, 24, 0, 30)
        .single()
        .unwrap()
        .with_timezone(&Utc);
    assert_eq!(
        cal.business_deadline(from, 2, cairo),
        Utc.with_ymd_and_hms(2024, 4, 25, 22, 0, 0).unwrap()
    );
    // Saturday 20 April + 4: counting starts Monday 00:00, ends Friday 26 April 00:00 → the jump.
    let from = local(2024, 4, 20, 9, 0)
        .single()
        .unwrap()
        .with_timezone(&Utc);
    assert_eq!(
        cal.business_deadline(from, 4, cairo),
        Utc.with_ymd_and_hms(2024, 4, 25, 22, 0, 0).unwrap()
    );
    // Tuesday 29 October 23:30 + 2 → Thursday 31 October 23:30, which happens twice:
    // the earlier one, still summer time (UTC+3).
    assert!(matches!(
        local(2024, 10, 31, 23, 30),
        chrono::LocalResult::Ambiguous(..)
    ));
    let from = local(2024, 10, 29, 23, 30)
        .single()
        .unwrap()
        .with_timezone(&Utc);
    assert_eq!(
        cal.business_deadline(from, 2, cairo),
        Utc.with_ymd_and_hms(2024, 10, 31, 20, 30, 0).unwrap()
    );
    // n = 0 during the repeated hour keeps the exact moment, even the later one.
    let second = Utc.with_ymd_and_hms(2024, 10, 31, 21, 30, 0).unwrap(); // 23:30 winter time
    assert_eq!(cal.business_deadline(second, 0, cairo), second);
    // Fixed offsets work too.
    let plus3 = chrono::FixedOffset::east_opt(3 * 3600).unwrap();
    assert_eq!(
        Calendar::russia().business_deadline(msk(2025, 3, 21, 15, 0), 2, plus3),
        msk(2025, 3, 25, 15, 0)
    );
}

#[test]
fn huge_counts_and_extreme_dates_return_quickly() {
    let ru = Calendar::russia();
    let started = Instant::now();
    assert_eq!(
        ru.add_business_days(d(2025, 1, 1), u32::MAX),
        NaiveDate::MAX
    );
    assert_eq!(
        ru.add_business_days(NaiveDate::MIN, 5),
        slow_add(&ru, NaiveDate::MIN, 5)
    );
    let _ = ru.next_working_day(NaiveDate::MAX);
    let _ = ru.add_business_days(NaiveDate::MAX, 3);
    let _ = ru.business_deadline(DateTime::<Utc>::MAX_UTC, 2, Moscow);
    let _ = ru.business_deadline(DateTime::<Utc>::MIN_UTC, 2, Moscow);
    let _ = ru.business_deadline(DateTime::<Utc>::MIN_UTC, u32::MAX, chrono_tz::Africa::Cairo);
    assert!(started.elapsed() < StdDuration::from_secs(2));
}

// ---------------------------------------------------------------------------
// Loaders
// ---------------------------------------------------------------------------

fn json_err(json: &str) -> CalendarError {
    Calendar::from_json(json).unwrap_err()
}

#[test]
fn json_round_trip() {
    let ru = Calendar::russia();
    let json = ru.to_json();
    assert_eq!(Calendar::from_json(&json).unwrap(), ru);
    assert_eq!(serde_json::from_str::<Calendar>(&json).unwrap(), ru);
    assert_eq!(serde_json::to_string(&ru).unwrap(), json);
    let weekends = Calendar::weekends_only();
    assert_eq!(Calendar::from_json(&weekends.to_json()).unwrap(), weekends);
    // The documented example format loads and serialises back the same way.
    let example = r#"{"years":[2027],"days":[{"date":"2027-01-01","kind":"holiday","name":"Новогодние каникулы"},{"date":"2027-05-10","kind":"transferred_day_off","from":"2027-01-03"},{"date":"2027-11-03","kind":"shortened"},{"date":"2027-12-25","kind":"working_weekend"}]}"#;
    let cal = Calendar::from_json(example).unwrap();
    assert_eq!(cal.to_json(), example);
    assert_eq!(cal.day_kind(d(2027, 12, 25)), DayKind::WorkingWeekend);
    assert_eq!(cal.holiday_name(d(2027, 1, 1)), Some("Новогодние каникулы"));
    // Days listed out of order are stored in order.
    let shuffled = Calendar::from_json(
        r#"{"years":[2027],"days":[{"date":"2027-11-03","kind":"shortened"},{"date":"2027-01-01","kind":"holiday"}]}"#,
    )
    .unwrap();
    let dates: Vec<_> = shuffled.days().map(|s| s.date()).collect();
    assert_eq!(dates, [d(2027, 1, 1), d(2027, 11, 3)]);
}

#[test]
fn json_errors_name_the_field() {
    let cases = [
        (
            r#"{"years": [2027], "days": [{"date": "2027-02-30", "kind": "holiday"}]}"#,
            "days[0].date",
        ),
        (
            r#"{"years": [2027], "days": [{"date": "01.01.2027", "kind": "holiday"}]}"#,
            "days[0].date",
        ),
        (
            r#"{"years": [2027], "days": [{"date": "2027-01-01", "kind": "holiday"}, {"date": "2027-01-02", "kind": "feast"}]}"#,
            "days[1].kind",
        ),
        (
            r#"{"years": [2027], "days": [{"date": "2027-01-01", "kind": "holiday", "name": 5}]}"#,
            "days[0].name",
        ),
        (
            r#"{"years": [2027], "days": [{"date": "2027-01-01", "kind": "holiday", "colour": "red"}]}"#,
            "days[0].colour",
        ),
        (r#"{"years": ["2027"]}"#, "years[0]"),
        (r#"{"years": [2027], "dayz": []}"#, "dayz"),
        (r#"{"days": []}"#, "years"),
        (
            r#"{"years": [2027], "days": [{"date": "2027-01-01"}]}"#,
            "days[0].kind",
        ),
    ];
    for (json, path) in cases {
        match json_err(json) {
            CalendarError::MalformedJson { path: p, .. } => assert_eq!(p, path, "{json}"),
            other => panic!("{json}: {other:?}"),
        }
        assert_eq!(json_err(json).code(), "calendar_malformed_json");
        assert!(json_err(json).to_string().contains(&format!("`{path}`")));
    }
    for not_json in ["", "{", "[]", "null", "{\"years\": [2027]} trailing"] {
        assert_eq!(
            json_err(not_json).code(),
            "calendar_malformed_json",
            "{not_json}"
        );
    }
}

#[test]
fn json_validation_names_the_day_and_its_place() {
    let invalid = |json: &str| match json_err(json) {
        CalendarError::InvalidDay {
            date,
            location,
            message,
        } => (date, location, message),
        other => panic!("{json}: {other:?}"),
    };
    // A date outside the listed years.
    let (date, location, message) =
        invalid(r#"{"years": [2027], "days": [{"date": "2028-01-01", "kind": "holiday"}]}"#);
    assert_eq!(
        (date.as_str(), location.as_str()),
        ("2028-01-01", "days[0]")
    );
    assert!(message.contains("2028"), "{message}");
    // A duplicate date.
    let (date, location, _) = invalid(
        r#"{"years": [2027], "days": [{"date": "2027-01-01", "kind": "holiday"}, {"date": "2027-01-01", "kind": "shortened"}]}"#,
    );
    assert_eq!(
        (date.as_str(), location.as_str()),
        ("2027-01-01", "days[1]")
    );
    // A working weekend on a weekday (Wednesday 3 March 2027).
    let (_, location, message) = invalid(
        r#"{"years": [2027], "days": [{"date": "2027-01-01", "kind": "holiday"}, {"date": "2027-03-03", "kind": "working_weekend"}]}"#,
    );
    assert_eq!(location, "days[1]");
    assert!(message.contains("Saturday or a Sunday"), "{message}");
    // Plain kinds are not exceptions; `from` belongs to transferred days only.
    invalid(r#"{"years": [2027], "days": [{"date": "2027-01-04", "kind": "working"}]}"#);
    invalid(r#"{"years": [2027], "days": [{"date": "2027-01-02", "kind": "weekend"}]}"#);
    invalid(
        r#"{"years": [2027], "days": [{"date": "2027-01-01", "kind": "holiday", "from": "2027-01-03"}]}"#,
    );
    let err = json_err(r#"{"years": [], "days": [{"date": "2027-01-01", "kind": "holiday"}]}"#);
    assert_eq!(err.code(), "calendar_invalid_day");
    assert_eq!(
        err.to_string(),
        "invalid calendar day 2027-01-01 (days[0]): the year 2027 is not listed in `years`"
    );
    // serde's Deserialize validates too, so a calendar inside a larger document is checked.
    let err = serde_json::from_str::<Calendar>(
        r#"{"years": [2027], "days": [{"date": "2027-03-03", "kind": "working_weekend"}]}"#,
    )
    .unwrap_err();
    assert!(err.to_string().contains("days[0]"), "{err}");
}

const XML_2027: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<calendar year="2027" lang="ru">
    <holidays>
        <holiday id="1" title="Новогодние каникулы"/>
        <holiday id="2" title="Рождество Христово &amp; Co"/>
    </holidays>
    <days>
        <day d="01.01" t="1" h="1"/>
        <day d="01.07" t="1" h="2"/>
        <day d="01.08" t="1" f="01.02"/>
        <day d="05.10" t="1"/>
        <day d="11.03" t="2"/>
        <day d="12.25" t="3" />
    </days>
</calendar>"#;

#[test]
fn xml_loader_reads_every_kind() {
    let cal = Calendar::from_xmlcalendar(XML_2027).unwrap();
    assert_eq!(cal.years(), vec![2027]);
    assert_eq!(cal.day_kind(d(2027, 1, 1)), DayKind::Holiday);
    assert_eq!(
        cal.holiday_name(d(2027, 1, 7)),
        Some("Рождество Христово & Co")
    );
    assert_eq!(cal.day_kind(d(2027, 1, 8)), DayKind::TransferredDayOff);
    let jan_8 = cal.days().find(|s| s.date() == d(2027, 1, 8)).unwrap();
    assert_eq!(jan_8.transferred_from(), Some(d(2027, 1, 2)));
    assert_eq!(cal.day_kind(d(2027, 5, 10)), DayKind::TransferredDayOff); // t=1, no h
    assert_eq!(cal.day_kind(d(2027, 11, 3)), DayKind::Shortened);
    assert_eq!(cal.day_kind(d(2027, 12, 25)), DayKind::WorkingWeekend);
    assert_eq!(cal.days().count(), 6);
}

#[test]
fn xml_errors_give_the_line() {
    let line_of = |xml: &str| match Calendar::from_xmlcalendar(xml).unwrap_err() {
        CalendarError::MalformedXml { line, message } => (line, message),
        other => panic!("{xml}: {other:?}"),
    };
    // A day that does not exist.
    let (line, message) =
        line_of("<calendar year=\"2027\">\n<days>\n<day d=\"13.01\" t=\"1\"/>\n</days></calendar>");
    assert_eq!(line, 3);
    assert!(message.contains("13.01"), "{message}");
    // An unknown type, a missing type, a missing date, `f` on a shortened day.
    let (line, message) =
        line_of("<calendar year=\"2027\">\n\n\n<day d=\"01.01\" t=\"9\"/></calendar>");
    assert_eq!(line, 4);
    assert!(message.contains("t=\"9\""), "{message}");
    assert!(
        line_of("<calendar year=\"2027\"><day d=\"01.01\"/></calendar>")
            .1
            .contains("`t`")
    );
    assert!(line_of("<calendar year=\"2027\"><day t=\"1\"/></calendar>")
        .1
        .contains("`d`"));
    assert!(
        line_of("<calendar year=\"2027\"><day d=\"0101\" t=\"1\"/></calendar>")
            .1
            .contains("MM.DD")
    );
    assert!(
        line_of("<calendar year=\"2027\"><day d=\"11.03\" t=\"2\" f=\"11.01\"/></calendar>")
            .1
            .contains("`f`")
    );
    // A holiday id that no <holiday> defines.
    let (line, message) = line_of(
        "<calendar year=\"2027\">\n<holidays><holiday id=\"1\" title=\"x\"/></holidays>\n<day d=\"01.01\" t=\"1\" h=\"7\"/></calendar>",
    );
    assert_eq!(line, 3);
    assert!(message.contains("h=\"7\""), "{message}");
    // No calendar, no year, a year that is not a number, two calendars.
    assert!(line_of("<days></days>").1.contains("no <calendar"));
    assert!(line_of("<calendar>").1.contains("`year`"));
    assert!(line_of("<calendar year=\"next\"></calendar>")
        .1
        .contains("next"));
    assert!(
        line_of("<calendar year=\"2027\"></calendar>\n<calendar year=\"2028\"/>")
            .1
            .contains("second")
    );
    // Not well-formed XML: a mismatched end tag on line 3.
    let (line, _) = line_of("<calendar year=\"2027\">\n<days>\n</day>\n</calendar>");
    assert_eq!(line, 3);
    assert_eq!(
        Calendar::from_xmlcalendar("not xml <<<")
            .unwrap_err()
            .code(),
        "calendar_malformed_xml"
    );
}

#[test]
fn xml_rule_violations_give_the_line_too() {
    // 5 January 2027 is a Tuesday: it cannot be a working weekend day.
    let err = Calendar::from_xmlcalendar(
        "<calendar year=\"2027\">\n<days>\n<day d=\"01.05\" t=\"3\"/>\n</days></calendar>",
    )
    .unwrap_err();
    assert_eq!(err.code(), "calendar_invalid_day");
    match &err {
        CalendarError::InvalidDay { date, location, .. } => {
            assert_eq!((date.as_str(), location.as_str()), ("2027-01-05", "line 3"));
        }
        other => panic!("{other:?}"),
    }
    // The same date twice.
    let err = Calendar::from_xmlcalendar(
        "<calendar year=\"2027\">\n<day d=\"01.01\" t=\"1\"/>\n<day d=\"01.01\" t=\"2\"/>\n</calendar>",
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid calendar day 2027-01-01 (line 3): the date is listed twice"
    );
}

#[test]
fn merge_adds_years_and_replaces_a_covered_year() {
    let mut cal = Calendar::russia();
    cal.merge(Calendar::from_xmlcalendar(XML_2027).unwrap());
    assert_eq!(cal.years(), vec![2024, 2025, 2026, 2027]);
    assert!(cal.covers(2027));
    assert!(!cal.is_working_day(d(2027, 1, 1)));
    assert_eq!(cal.holiday_name(d(2025, 1, 7)), Some("Рождество Христово"));
    // Counting crosses from bundled into merged data: Thursday 31 December 2026 is off,
    // Friday 1 January 2027 is a holiday now, so after Wednesday 30 December comes Monday 4 January.
    assert_eq!(cal.add_business_days(d(2026, 12, 30), 1), d(2027, 1, 4));
    // A new 2025 with no special days replaces the bundled one, and only it.
    cal.merge(Calendar::from_json(r#"{"years": [2025], "days": []}"#).unwrap());
    assert!(cal.is_working_day(d(2025, 1, 3)));
    assert_eq!(cal.holiday_name(d(2025, 1, 7)), None);
    assert!(!cal.is_working_day(d(2024, 1, 3)));
    assert!(!cal.is_working_day(d(2026, 1, 3)));
    // Merging an empty calendar changes nothing.
    let before = cal.clone();
    cal.merge(Calendar::weekends_only());
    assert_eq!(cal, before);
    assert_eq!(
        cal.to_string(),
        format!(
            "calendar of {} special days for 2024, 2025, 2026, 2027",
            cal.days().count()
        )
    );
}

// ---------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------

/// The obvious, slow definitions, one day at a time.
fn slow_add(cal: &Calendar, date: NaiveDate, n: u32) -> NaiveDate {
    let mut day = date;
    let mut left = n;
    while left > 0 {
        day = day.succ_opt().unwrap();
        if cal.is_working_day(day) {
            left -= 1;
        }
    }
    day
}

fn slow_between(cal: &Calendar, start: NaiveDate, end: NaiveDate) -> u32 {
    let mut count = 0;
    let mut day = start;
    while day < end {
        day = day.succ_opt().unwrap();
        count += u32::from(cal.is_working_day(day));
    }
    count
}

/// A random calendar for 2024–2025: random exceptions of every kind.
fn arb_calendar() -> impl Strategy<Value = Calendar> {
    proptest::collection::btree_map(0i64..731, 0u8..4, 0..120).prop_map(|picks| {
        let days: Vec<String> = picks
            .into_iter()
            .filter_map(|(offset, k)| {
                let date = d(2024, 1, 1) + chrono::Duration::days(offset);
                let kind = match k {
                    0 => "holiday",
                    1 => "transferred_day_off",
                    2 => "shortened",
                    _ if is_weekend(date) => "working_weekend",
                    _ => return None,
                };
                Some(format!(r#"{{"date":"{date}","kind":"{kind}"}}"#))
            })
            .collect();
        Calendar::from_json(&format!(
            r#"{{"years":[2024,2025],"days":[{}]}}"#,
            days.join(",")
        ))
        .unwrap()
    })
}

proptest! {
    /// CLS-S1: add_business_days lands on a business day exactly n business days later.
    #[test]
    fn cls_s1_add_business_days_is_consistent(offset in 0i64..1400, n in 0u32..40) {
        let ru = Calendar::russia();
        let start = d(2023, 6, 1) + chrono::Duration::days(offset);
        let end = ru.add_business_days(start, n);
        if n > 0 {
            prop_assert!(ru.is_working_day(end));
            prop_assert!(end > start);
        } else {
            prop_assert_eq!(end, start);
        }
        prop_assert_eq!(ru.business_days_between(start, end), n);
        prop_assert_eq!(end, slow_add(&ru, start, n));
    }

    /// The arithmetic agrees with the day-by-day definition on any calendar,
    /// across covered and uncovered years.
    #[test]
    fn arithmetic_matches_counting_day_by_day(
        cal in arb_calendar(),
        a in 0i64..1200,
        b in 0i64..1200,
        n in 0u32..300,
    ) {
        let start = d(2023, 6, 1) + chrono::Duration::days(a);
        let end = d(2023, 6, 1) + chrono::Duration::days(b);
        prop_assert_eq!(cal.business_days_between(start, end), slow_between(&cal, start, end));
        let added = cal.add_business_days(start, n);
        prop_assert_eq!(added, slow_add(&cal, start, n));
        prop_assert_eq!(cal.business_days_between(start, added), n);
        let next = cal.next_working_day(start);
        prop_assert!(cal.is_working_day(next));
        prop_assert!(next >= start);
        prop_assert_eq!(cal.business_days_between(start, next), u32::from(next > start));
    }

    /// Far from any data the plain rule holds: five business days per seven days.
    #[test]
    fn plain_weeks_have_five_business_days(days_from_ce in -50_000_000i32..50_000_000, weeks in 0u32..100_000) {
        let cal = Calendar::russia();
        let start = NaiveDate::from_num_days_from_ce_opt(days_from_ce).unwrap();
        let end = start + chrono::Days::new(u64::from(weeks) * 7);
        let count = cal.business_days_between(start, end);
        let touches_data = start.year() <= 2026 && end.year() >= 2024;
        if !touches_data {
            prop_assert_eq!(count, weeks * 5);
        }
        if count > 0 && weeks < 90_000 {
            let back = cal.add_business_days(start, count);
            prop_assert!(back <= end);
            prop_assert_eq!(cal.business_days_between(start, back), count);
        }
    }

    /// CLS-S1: the deadline is never earlier than the request, grows with n,
    /// and falls on a business day in Moscow.
    #[test]
    fn cls_s1_deadline_is_monotonic(secs in 1_700_000_000i64..1_800_000_000, n in 0u32..5) {
        let ru = Calendar::russia();
        let from = Utc.timestamp_opt(secs, 0).unwrap();
        let a = ru.business_deadline(from, n, Moscow);
        let b = ru.business_deadline(from, n + 1, Moscow);
        prop_assert!(a >= from);
        prop_assert!(b > a);
        prop_assert!(ru.is_working_day(b.with_timezone(&Moscow).date_naive()));
        // Exactly n + 1 business days between the start day and the deadline day.
        let start_day = ru.next_working_day(from.with_timezone(&Moscow).date_naive());
        prop_assert_eq!(
            ru.business_days_between(start_day, b.with_timezone(&Moscow).date_naive()),
            n + 1
        );
    }

    /// In zones with daylight saving time the deadline is still monotonic and never panics.
    #[test]
    fn deadline_with_daylight_saving_is_monotonic(
        secs in 1_600_000_000i64..1_900_000_000,
        n in 0u32..4,
        zone in prop::sample::select(vec![
            chrono_tz::Africa::Cairo,
            chrono_tz::Europe::Berlin,
            chrono_tz::America::New_York,
            chrono_tz::Australia::Lord_Howe,
            chrono_tz::America::Santiago,
        ]),
    ) {
        let cal = Calendar::weekends_only();
        let from = Utc.timestamp_opt(secs, 0).unwrap();
        let a = cal.business_deadline(from, n, zone);
        let b = cal.business_deadline(from, n + 1, zone);
        prop_assert!(a >= from);
        prop_assert!(b > a);
    }
}
