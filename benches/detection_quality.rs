//! Detection quality on real, public data (see `../shared/data/README.md`).
//!
//! ```text
//! cargo run --release -p ticketry-benches --bin detection-quality -- --data ../shared/data
//! ```
//!
//! - **GitBugs Hadoop** (duplicate retrieval): reports are indexed in creation
//!   order; for each report with a labelled duplicate created before it, the
//!   detector searches only the earlier reports (the query's opening time is
//!   the report's creation time). Prints RR@1, RR@5, RR@10 (the share of
//!   queries whose labelled earlier duplicate is in the top k) and MAP. Each
//!   report is its own client and has no product, so only text and recency
//!   speak. The policy is ticketry's default unless `--policy` gives one
//!   (a `DetectionPolicy` as JSON, missing fields default).
//! - **ParaPhraser** (Russian text similarity): ROC AUC of
//!   [`Detector::text_similarity`] for pairs labelled 1 or 0 (paraphrases)
//!   against -1, with term rarity taken from an index of every sentence.
//!
//! The last line is one JSON object with `gitbugs_rr_at_1`, `gitbugs_rr_at_5`,
//! `gitbugs_rr_at_10`, `gitbugs_map`, `paraphraser_auc`. When the data folder
//! (or one set) is absent it says so and skips, exiting 0.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDateTime, Utc};
use ticketry::detection::{DetectionDoc, DetectionPolicy, DetectionQuery, Detector, Outcome};
use ticketry::ticket::{ClientId, TicketId};

type Res<T> = Result<T, Box<dyn std::error::Error>>;

fn main() -> Res<()> {
    let mut data = PathBuf::from("../shared/data");
    let mut policy = DetectionPolicy::default();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--data" => data = args.next().ok_or("--data needs a folder")?.into(),
            "--policy" => {
                let json = args.next().ok_or("--policy needs a JSON object")?;
                policy = serde_json::from_str(&json)?;
            }
            "-h" | "--help" => {
                eprintln!("usage: detection-quality [--data FOLDER] [--policy DETECTION_POLICY_JSON]  (default ../shared/data, the default policy)");
                return Ok(());
            }
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    // cargo runs binaries from the package folder; accept paths from the workspace root too.
    if !data.exists() {
        let from_root = Path::new("..").join(&data);
        if from_root.exists() {
            data = from_root;
        }
    }
    let mut out = serde_json::Map::new();
    match gitbugs(&data.join("gitbugs-hadoop"), &policy)? {
        Some(g) => {
            for (k, v) in g {
                out.insert(k.into(), v.into());
            }
        }
        None => eprintln!(
            "skipped GitBugs: {} not found",
            data.join("gitbugs-hadoop").display()
        ),
    }
    match paraphraser(&data.join("paraphraser"))? {
        Some(auc) => {
            out.insert("paraphraser_auc".into(), auc.into());
        }
        None => eprintln!(
            "skipped ParaPhraser: {} not found",
            data.join("paraphraser").display()
        ),
    }
    if out.is_empty() {
        eprintln!("no data: nothing measured");
    }
    println!("{}", serde_json::Value::Object(out));
    Ok(())
}

fn round(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

struct Report {
    id: String,
    created: DateTime<Utc>,
    summary: String,
    description: String,
}

fn gitbugs(dir: &Path, policy: &DetectionPolicy) -> Res<Option<Vec<(&'static str, f64)>>> {
    let bugs = dir.join("hadoop_bugs.csv");
    let dups = dir.join("hadoop_duplicates.csv");
    if !bugs.exists() || !dups.exists() {
        return Ok(None);
    }
    let mut reports = Vec::new();
    let mut rdr = csv::Reader::from_path(&bugs)?;
    let headers = rdr.headers()?.clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .ok_or(format!("no column {name}"))
    };
    let (c_sum, c_id, c_created, c_desc) = (
        col("Summary")?,
        col("Issue id")?,
        col("Created")?,
        col("Description")?,
    );
    for rec in rdr.records() {
        let rec = rec?;
        let field = |i: usize| rec.get(i).unwrap_or_default().to_owned();
        let created = NaiveDateTime::parse_from_str(&field(c_created), "%d/%b/%y %H:%M")?.and_utc();
        reports.push(Report {
            id: field(c_id),
            created,
            summary: field(c_sum),
            description: field(c_desc),
        });
    }
    reports.sort_by_key(|r| r.created);
    let by_id: HashMap<&str, &Report> = reports.iter().map(|r| (r.id.as_str(), r)).collect();

    // query (the later report) -> its labelled earlier duplicates
    let mut truth: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut rdr = csv::Reader::from_path(&dups)?;
    for rec in rdr.records() {
        let rec = rec?;
        let (a, b) = (
            rec.get(0).unwrap_or_default(),
            rec.get(1).unwrap_or_default(),
        );
        let (Some(ra), Some(rb)) = (by_id.get(a), by_id.get(b)) else {
            continue;
        };
        let (later, earlier) = if ra.created > rb.created {
            (ra, rb)
        } else {
            (rb, ra)
        };
        if later.created == earlier.created {
            continue;
        }
        let list = truth.entry(later.id.clone()).or_default();
        if !list.contains(&earlier.id) {
            list.push(earlier.id.clone());
        }
    }

    let t0 = std::time::Instant::now();
    let mut detector = Detector::new();
    for r in &reports {
        detector.upsert(&doc(r)?)?;
    }
    let index_s = t0.elapsed().as_secs_f64();
    let policy = DetectionPolicy {
        max_candidates: 100,
        ..policy.clone()
    };
    let (mut hits, mut ap_sum) = ([0usize; 3], 0.0);
    let pairs: usize = truth.values().map(Vec::len).sum();
    for (query_id, earlier) in &truth {
        let Some(r) = by_id.get(query_id.as_str()) else {
            continue;
        };
        let d = doc(r)?;
        let query = DetectionQuery {
            id: Some(d.id.clone()),
            client_id: d.client_id.clone(),
            product: String::new(),
            opened_at: d.opened_at,
            subject: d.subject.clone(),
            description: d.description.clone(),
        };
        let found = detector.detect(&query, &policy);
        let ranks: Vec<usize> = found
            .candidates
            .iter()
            .enumerate()
            .filter(|(_, c)| {
                earlier
                    .iter()
                    .any(|e| c.id.as_str().strip_prefix("HADOOP-") == Some(e.as_str()))
            })
            .map(|(i, _)| i + 1)
            .collect();
        if std::env::var_os("TICKETRY_DEBUG").is_some() && ranks.first().is_none_or(|&r| r > 10) {
            eprintln!(
                "miss {query_id} rank {:?}: {} | earlier {:?}",
                ranks.first(),
                r.summary,
                earlier
                    .iter()
                    .filter_map(|e| by_id.get(e.as_str()).map(|x| x.summary.as_str()))
                    .collect::<Vec<_>>()
            );
        }
        if let Some(&best) = ranks.first() {
            for (h, k) in hits.iter_mut().zip([1, 5, 10]) {
                if best <= k {
                    *h += 1;
                }
            }
        }
        let ap: f64 = ranks
            .iter()
            .enumerate()
            .map(|(i, &r)| (i + 1) as f64 / r as f64)
            .sum::<f64>()
            / earlier.len() as f64;
        ap_sum += ap;
    }
    let n = truth.len().max(1) as f64;
    eprintln!(
        "GitBugs Hadoop: {} reports indexed in {:.2} s, {} queries ({} labelled pairs with both reports)",
        reports.len(),
        index_s,
        truth.len(),
        pairs
    );
    Ok(Some(vec![
        ("gitbugs_queries", truth.len() as f64),
        ("gitbugs_rr_at_1", round(hits[0] as f64 / n)),
        ("gitbugs_rr_at_5", round(hits[1] as f64 / n)),
        ("gitbugs_rr_at_10", round(hits[2] as f64 / n)),
        ("gitbugs_map", round(ap_sum / n)),
    ]))
}

fn doc(r: &Report) -> Res<DetectionDoc> {
    Ok(DetectionDoc {
        id: TicketId::new(format!("HADOOP-{}", r.id))?,
        client_id: ClientId::new(format!("reporter-{}", r.id))?,
        product: String::new(),
        opened_at: r.created,
        subject: r.summary.clone(),
        description: r.description.clone(),
        outcome: Outcome::Solved,
    })
}

fn paraphraser(dir: &Path) -> Res<Option<f64>> {
    let file = dir.join("para_gold.csv");
    if !file.exists() {
        return Ok(None);
    }
    let mut pairs = Vec::new();
    let mut rdr = csv::Reader::from_path(&file)?;
    for rec in rdr.records() {
        let rec = rec?;
        let (a, b) = (
            rec.get(3).unwrap_or_default(),
            rec.get(4).unwrap_or_default(),
        );
        let class: i32 = rec.get(5).unwrap_or_default().trim().parse()?;
        pairs.push((a.to_owned(), b.to_owned(), class));
    }
    // Term rarity from every sentence of the file (no labels used).
    let start = DateTime::<Utc>::UNIX_EPOCH;
    let mut detector = Detector::new();
    for (i, (a, b, _)) in pairs.iter().enumerate() {
        for (j, text) in [a, b].into_iter().enumerate() {
            detector.upsert(&DetectionDoc {
                id: TicketId::new(format!("P-{i}-{j}"))?,
                client_id: ClientId::new("paraphraser")?,
                product: String::new(),
                opened_at: start,
                subject: String::new(),
                description: text.clone(),
                outcome: Outcome::Open,
            })?;
        }
    }
    let scored: Vec<(f64, bool)> = pairs
        .iter()
        .map(|(a, b, class)| (detector.text_similarity(a, b), *class >= 0))
        .collect();
    eprintln!("ParaPhraser: {} pairs", scored.len());
    Ok(Some(round(auc(&scored))))
}

/// ROC AUC by ranks (ties count one half).
fn auc(scored: &[(f64, bool)]) -> f64 {
    let pos: Vec<f64> = scored.iter().filter(|s| s.1).map(|s| s.0).collect();
    let neg: Vec<f64> = scored.iter().filter(|s| !s.1).map(|s| s.0).collect();
    if pos.is_empty() || neg.is_empty() {
        return 0.0;
    }
    let mut wins = 0.0;
    let mut sorted_neg = neg.clone();
    sorted_neg.sort_by(f64::total_cmp);
    for p in &pos {
        let below = sorted_neg.partition_point(|n| n < p);
        let equal = sorted_neg
            .get(below..)
            .map_or(0, |rest| rest.partition_point(|n| n <= p));
        wins += below as f64 + 0.5 * equal as f64;
    }
    wins / (pos.len() as f64 * neg.len() as f64)
}
