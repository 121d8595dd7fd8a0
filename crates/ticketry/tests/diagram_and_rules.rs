//! The committed diagram matches the transition table, and the rule IDs of
//! the library match `RULES.md`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;

use ticketry::closure::{mermaid_diagram, CommandKind, Status, Target, TRANSITIONS};
use ticketry::rules::RuleId;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `docs/closure.mmd` is generated from TRANSITIONS; regenerate it with
/// `UPDATE_DIAGRAM=1 cargo test -p ticketry --test diagram_and_rules`.
#[test]
fn committed_mermaid_diagram_matches_the_transition_table() {
    let path = root().join("docs/closure.mmd");
    let generated = mermaid_diagram();
    if std::env::var_os("UPDATE_DIAGRAM").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).expect("docs/closure.mmd exists");
    assert_eq!(
        committed, generated,
        "docs/closure.mmd is stale: run with UPDATE_DIAGRAM=1"
    );
}

#[test]
fn diagram_draws_every_status_changing_transition() {
    let diagram = mermaid_diagram();
    for def in TRANSITIONS {
        match def.to {
            Target::Status(to) => {
                for from in def.from {
                    let edge = format!(
                        "{} --> {} : {}",
                        from.as_str(),
                        to.as_str(),
                        def.command.as_str()
                    );
                    assert!(diagram.contains(&edge), "missing edge {edge}");
                }
            }
            Target::Same => assert!(diagram.contains(def.command.as_str())),
        }
    }
}

#[test]
fn table_has_one_row_per_command_and_reaches_every_status() {
    assert_eq!(TRANSITIONS.len(), CommandKind::ALL.len());
    for (row, kind) in TRANSITIONS.iter().zip(CommandKind::ALL) {
        assert_eq!(row.command, *kind);
        assert_eq!(kind.definition(), row);
    }
    for status in Status::ALL {
        let reachable = TRANSITIONS.iter().any(|d| d.to == Target::Status(*status));
        assert!(reachable, "{status} is unreachable");
    }
    // CLS-7: only the two closing commands lead to `closed`; CLS-S3: only reopen leaves it.
    let into_closed: Vec<_> = TRANSITIONS
        .iter()
        .filter(|d| d.to == Target::Status(Status::Closed))
        .map(|d| d.command)
        .collect();
    assert_eq!(
        into_closed,
        [CommandKind::Close, CommandKind::CloseWithoutConfirmation]
    );
    let out_of_closed: Vec<_> = TRANSITIONS
        .iter()
        .filter(|d| d.allowed_in(Status::Closed))
        .map(|d| d.command)
        .collect();
    assert_eq!(out_of_closed, [CommandKind::Reopen]);
}

/// Every rule ID of RULES.md is a `RuleId`, and no other: REP-T1..T4,
/// REP-C0..C4, REP-1..7, REP-S1..S3, REP-TPL, REP-LINKALL, REP-CHK, REP-ERR,
/// CLS-R1..R4, CLS-1..7, CLS-S1..S3, CLS-TPL-N, CLS-TPL-D, CLS-CHK, CLS-ERR.
#[test]
fn rule_ids_match_rules_md() {
    let path = root().join("../shared/regulations/RULES.md");
    let Ok(text) = std::fs::read_to_string(&path) else {
        println!("skipped: {} not found", path.display());
        return;
    };
    let mut ids: Vec<String> = Vec::new();
    for chunk in text.split("**").skip(1).step_by(2) {
        let id = chunk.split_whitespace().next().unwrap_or_default();
        if (id.starts_with("REP-") || id.starts_with("CLS-")) && !ids.contains(&id.to_owned()) {
            ids.push(id.to_owned());
        }
    }
    let mut ours: Vec<String> = RuleId::ALL.iter().map(|r| r.as_str().to_owned()).collect();
    ours.sort();
    ids.sort();
    assert_eq!(ours, ids);
}
