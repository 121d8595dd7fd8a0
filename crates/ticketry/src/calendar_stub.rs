//! stub
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Calendar {}
impl Calendar {
    pub fn russia() -> Calendar {
        Calendar {}
    }
    pub fn covers(&self, _y: i32) -> bool {
        true
    }
    pub fn business_deadline(
        &self,
        from: DateTime<Utc>,
        n: u32,
        _tz: chrono_tz::Tz,
    ) -> DateTime<Utc> {
        from + chrono::Duration::days(i64::from(n))
    }
    pub fn is_working_day(&self, _d: NaiveDate) -> bool {
        true
    }
}
