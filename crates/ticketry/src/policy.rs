//! The policy: the values the regulation leaves to the support team.
//!
//! One serialisable value with the regulation's defaults. Every field can be
//! omitted in JSON, and takes its default then.
//!
//! | field | default | regulation |
//! |---|---|---|
//! | `confirmation_wait_business_days` | 2 | CLS-S1: wait 1–2 business days after the repeated request |
//! | `team_signature` | «Служба технической поддержки PASS24.online» / "PASS24.online Technical Support" | both templates |
//! | `locale` | `ru` | the regulation's language |
//! | `time_zone` | `Europe/Moscow` | business days are counted in this zone |
//! | `calendar` | the bundled Russian production calendar 2024–2026 | business days |
//! | `repeat` | see [`RepeatPolicy`] | REP-S1 chronic problems, REP-S2 solutions not applied, REP-1 |
//!
//! ```
//! use ticketry::policy::{Locale, Policy};
//! let policy = Policy::from_json(r#"{"confirmation_wait_business_days": 1, "locale": "en"}"#)?;
//! assert_eq!(policy.confirmation_wait_business_days, 1);
//! assert_eq!(policy.locale, Locale::En);
//! assert_eq!(policy.time_zone, chrono_tz::Europe::Moscow);
//! # Ok::<(), ticketry::policy::PolicyError>(())
//! ```

use serde::{Deserialize, Serialize};

use crate::calendar::Calendar;

/// The language of rendered texts.
///
/// ```
/// use ticketry::policy::Locale;
/// assert_eq!(Locale::default(), Locale::Ru);
/// assert_eq!(serde_json::to_string(&Locale::En).unwrap(), "\"en\"");
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Locale {
    /// Russian, as in the regulation.
    #[default]
    Ru,
    /// English.
    En,
}

/// The team signature, in each language.
///
/// ```
/// use ticketry::policy::{Locale, Signature};
/// let s = Signature::default();
/// assert_eq!(s.get(Locale::Ru), "Служба технической поддержки PASS24.online");
/// assert_eq!(s.get(Locale::En), "PASS24.online Technical Support");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Signature {
    /// The Russian signature.
    pub ru: String,
    /// The English signature.
    pub en: String,
}

impl Default for Signature {
    fn default() -> Self {
        Signature {
            ru: "Служба технической поддержки PASS24.online".to_owned(),
            en: "PASS24.online Technical Support".to_owned(),
        }
    }
}

impl Signature {
    /// The signature in `locale`.
    ///
    /// ```
    /// # use ticketry::policy::{Locale, Signature};
    /// assert!(Signature::default().get(Locale::Ru).contains("PASS24"));
    /// ```
    pub fn get(&self, locale: Locale) -> &str {
        match locale {
            Locale::Ru => &self.ru,
            Locale::En => &self.en,
        }
    }
}

/// The least and the most business days the regulation allows to wait after
/// the repeated confirmation request (CLS-S1: «1-2 рабочих дня»).
///
/// ```
/// assert!(ticketry::policy::CONFIRMATION_WAIT_RANGE.contains(&2));
/// ```
pub const CONFIRMATION_WAIT_RANGE: std::ops::RangeInclusive<u32> = 1..=2;

/// The values the regulation leaves to the team. See the [module docs](self).
///
/// ```
/// let policy = ticketry::Policy::default();
/// assert_eq!(policy.confirmation_wait_business_days, 2);
/// assert!(policy.calendar.covers(2025));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Policy {
    /// Business days to wait after the repeated confirmation request before
    /// closing with a mark (CLS-S1); 1 or 2.
    pub confirmation_wait_business_days: u32,
    /// The team signature in templates.
    pub team_signature: Signature,
    /// The language of rendered texts.
    pub locale: Locale,
    /// The time zone business days are counted in.
    pub time_zone: chrono_tz::Tz,
    /// The business-day calendar.
    pub calendar: Calendar,
    /// The thresholds of the repeat workflow (REP-S1, REP-S2, REP-1).
    pub repeat: RepeatPolicy,
    /// The weights and thresholds of repeat detection (REP-1).
    pub detection: crate::detection::DetectionPolicy,
}

/// The values of the repeat workflow the regulation leaves to the team.
///
/// The regulation says "the problem repeats many times" (REP-S1) and "the
/// client keeps not applying solutions" (REP-S2) without numbers; these are
/// ticketry's defaults, chosen as a support lead would:
///
/// | field | default | meaning |
/// |---|---|---|
/// | `chronic_min_tickets` | 3 | tickets of one problem (the first and two repeats) that make it chronic |
/// | `chronic_window_days` | 90 | …counted over this many calendar days back |
/// | `recheck_interval_business_days` | 5 | a chronic problem is re-checked every this many business days… |
/// | `recheck_count` | 4 | …this many times (about a month) |
/// | `not_applying_min_tickets` | 2 | tickets of one client whose cause was "not applied" that call for REP-S2 |
/// | `not_applying_window_days` | 180 | …counted over this many calendar days back |
/// | `require_decision_to_close` | false | when true, every ticket needs the REP-1 decision before closing |
///
/// ```
/// let r = ticketry::policy::RepeatPolicy::default();
/// assert_eq!((r.chronic_min_tickets, r.chronic_window_days), (3, 90));
/// let policy = ticketry::Policy::from_json(r#"{"repeat": {"chronic_min_tickets": 4}}"#)?;
/// assert_eq!(policy.repeat.chronic_min_tickets, 4);
/// assert_eq!(policy.repeat.chronic_window_days, 90);
/// # Ok::<(), ticketry::policy::PolicyError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RepeatPolicy {
    /// Tickets of one problem within the window that make it chronic (REP-S1); at least 2.
    pub chronic_min_tickets: u32,
    /// The REP-S1 window, in calendar days; 1 to 3660.
    pub chronic_window_days: u32,
    /// Business days between re-checks of a chronic problem; 1 to 60.
    pub recheck_interval_business_days: u32,
    /// How many re-checks to schedule; 1 to 24.
    pub recheck_count: u32,
    /// Tickets of one client with the cause "not applied" that call for REP-S2; at least 2.
    pub not_applying_min_tickets: u32,
    /// The REP-S2 window, in calendar days; 1 to 3660.
    pub not_applying_window_days: u32,
    /// Whether closing any ticket needs the REP-1 decision.
    pub require_decision_to_close: bool,
}

impl Default for RepeatPolicy {
    fn default() -> Self {
        RepeatPolicy {
            chronic_min_tickets: 3,
            chronic_window_days: 90,
            recheck_interval_business_days: 5,
            recheck_count: 4,
            not_applying_min_tickets: 2,
            not_applying_window_days: 180,
            require_decision_to_close: false,
        }
    }
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            confirmation_wait_business_days: 2,
            team_signature: Signature::default(),
            locale: Locale::Ru,
            time_zone: chrono_tz::Europe::Moscow,
            calendar: Calendar::russia(),
            repeat: RepeatPolicy::default(),
            detection: crate::detection::DetectionPolicy::default(),
        }
    }
}

/// A policy value is out of range or malformed.
///
/// ```
/// let err = ticketry::Policy::from_json(r#"{"confirmation_wait_business_days": 5}"#).unwrap_err();
/// assert_eq!(err.code(), "invalid_policy");
/// assert_eq!(err.field(), "confirmation_wait_business_days");
/// ```
///
/// As JSON (for the bindings): `{"field", "message"}`.
///
/// ```
/// let err = ticketry::Policy::from_json(r#"{"confirmation_wait_business_days": 5}"#).unwrap_err();
/// let json = serde_json::to_value(&err).unwrap();
/// assert_eq!(json["field"], "confirmation_wait_business_days");
/// assert_eq!(json["message"], err.message());
/// assert_eq!(json.as_object().unwrap().len(), 2);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[error("invalid policy field `{field}`: {message}")]
pub struct PolicyError {
    field: String,
    message: String,
}

impl PolicyError {
    /// The stable code, `invalid_policy`.
    ///
    /// ```
    /// # let err = ticketry::Policy::from_json("42").unwrap_err();
    /// assert_eq!(err.code(), "invalid_policy");
    /// ```
    pub fn code(&self) -> &'static str {
        "invalid_policy"
    }

    /// The field at fault, as a path.
    ///
    /// ```
    /// let err = ticketry::Policy::from_json(r#"{"time_zone": "Mars/Olympus"}"#).unwrap_err();
    /// assert_eq!(err.field(), "time_zone");
    /// ```
    pub fn field(&self) -> &str {
        &self.field
    }

    /// What is wrong.
    ///
    /// ```
    /// let err = ticketry::Policy::from_json(r#"{"locale": "de"}"#).unwrap_err();
    /// assert!(err.message().contains("de"));
    /// ```
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl Policy {
    /// Checks the values against the regulation.
    ///
    /// ```
    /// let mut policy = ticketry::Policy::default();
    /// assert!(policy.validate().is_ok());
    /// policy.team_signature.ru.clear();
    /// assert_eq!(policy.validate().unwrap_err().field(), "team_signature.ru");
    /// ```
    pub fn validate(&self) -> Result<(), PolicyError> {
        if !CONFIRMATION_WAIT_RANGE.contains(&self.confirmation_wait_business_days) {
            return Err(PolicyError {
                field: "confirmation_wait_business_days".into(),
                message: format!(
                    "{} is outside the regulation's 1-2 business days (CLS-S1)",
                    self.confirmation_wait_business_days
                ),
            });
        }
        let r = &self.repeat;
        for (field, value, range) in [
            (
                "repeat.chronic_min_tickets",
                r.chronic_min_tickets,
                2..=1000,
            ),
            (
                "repeat.chronic_window_days",
                r.chronic_window_days,
                1..=3660,
            ),
            (
                "repeat.recheck_interval_business_days",
                r.recheck_interval_business_days,
                1..=60,
            ),
            ("repeat.recheck_count", r.recheck_count, 1..=24),
            (
                "repeat.not_applying_min_tickets",
                r.not_applying_min_tickets,
                2..=1000,
            ),
            (
                "repeat.not_applying_window_days",
                r.not_applying_window_days,
                1..=3660,
            ),
        ] {
            if !range.contains(&value) {
                return Err(PolicyError {
                    field: field.into(),
                    message: format!("{value} is outside {}..={}", range.start(), range.end()),
                });
            }
        }
        for (field, text) in [
            ("team_signature.ru", &self.team_signature.ru),
            ("team_signature.en", &self.team_signature.en),
        ] {
            if text.trim().is_empty() {
                return Err(PolicyError {
                    field: field.into(),
                    message: "must not be empty".into(),
                });
            }
        }
        self.detection
            .validate()
            .map_err(|(field, message)| PolicyError { field, message })
    }

    /// Reads a policy from JSON; missing fields take their defaults. The
    /// result is validated.
    ///
    /// ```
    /// let policy = ticketry::Policy::from_json("{}")?;
    /// assert_eq!(policy, ticketry::Policy::default());
    /// # Ok::<(), ticketry::policy::PolicyError>(())
    /// ```
    pub fn from_json(json: &str) -> Result<Policy, PolicyError> {
        let de = &mut serde_json::Deserializer::from_str(json);
        let policy: Policy = serde_path_to_error::deserialize(de).map_err(|e| {
            let path = e.path().to_string();
            PolicyError {
                field: if path == "." { String::new() } else { path },
                message: e.into_inner().to_string(),
            }
        })?;
        policy.validate()?;
        Ok(policy)
    }

    /// The policy as JSON.
    ///
    /// ```
    /// let policy = ticketry::Policy::default();
    /// let back = ticketry::Policy::from_json(&policy.to_json())?;
    /// assert_eq!(back, policy);
    /// # Ok::<(), ticketry::policy::PolicyError>(())
    /// ```
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}
