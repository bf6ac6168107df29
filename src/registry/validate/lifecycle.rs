//! An entry's life: its decree, a history whose steps follow the one table of allowed
//! transitions (which `laman domains` edits obey as well), its review date, and the
//! content folder an approved site needs.
//!
//! Reads statuses, dates and decree numbers; it must not judge the grammar of a decree
//! number (that is [`super::fields`]) or anything of names and records.

use super::Validator;
use crate::finding::{Code, Finding};
use crate::registry::{Kind, Status, Subdomain};
use jiff::civil::Date;

/// The registry's lifecycle, the one table every rule about steps reads: from each
/// status (None: not registered yet), the statuses a step may lead to.
pub const TRANSITIONS: &[(Option<Status>, &[Status])] = &[
    (None, &[Status::Requested]),
    (
        Some(Status::Requested),
        &[Status::Approved, Status::Rejected],
    ),
    (
        Some(Status::Approved),
        &[Status::Suspended, Status::Revoked],
    ),
    (
        Some(Status::Suspended),
        &[Status::Approved, Status::Revoked],
    ),
    (Some(Status::Revoked), &[Status::Requested]),
    (Some(Status::Rejected), &[Status::Requested]),
];

pub fn transition_allowed(from: Option<Status>, to: Status) -> bool {
    TRANSITIONS
        .iter()
        .any(|(f, tos)| *f == from && tos.contains(&to))
}

/// The allowed steps, for people: "allowed: requested → approved or rejected; ...".
pub fn transitions_help() -> String {
    let steps: Vec<String> = TRANSITIONS
        .iter()
        .filter_map(|(from, tos)| {
            let names: Vec<&str> = tos.iter().map(|t| t.as_str()).collect();
            from.map(|f| format!("{} → {}", f.as_str(), names.join(" or ")))
        })
        .collect();
    format!("allowed: {}", steps.join("; "))
}

impl Validator<'_> {
    /// An entry's decree: there once it was approved, with a number, dated neither in
    /// the future nor before the request.
    pub(super) fn decree(&mut self, sub: &Subdomain, today: Date) {
        let was_approved = matches!(
            sub.status,
            Status::Approved | Status::Suspended | Status::Revoked
        );
        match &sub.decree {
            None if was_approved => self.push(
                Finding::new(Code::RegistryDecreeMissing, format!("`{}` is {} but has no decree", sub.label, sub.status.as_str()))
                    .line(sub.line)
                    .help("add decree = { number = \"...\", date = YYYY-MM-DD }: the use of a subdomain is fixed by a decree"),
                sub,
            ),
            Some(d) if d.number.trim().is_empty() => self.push(
                Finding::new(Code::RegistryDecreeMissing, format!("the decree of `{}` has no number", sub.label)).line(sub.lines.decree),
                sub,
            ),
            Some(d) if d.date > today => self.push(
                Finding::new(Code::RegistryDecreeDate, format!("the decree of `{}` is dated {}, in the future", sub.label, d.date))
                    .line(sub.lines.decree)
                    .help("a subdomain is approved only once its decree is signed; check the date"),
                sub,
            ),
            Some(d) if sub.requested.is_some_and(|r| d.date < r) => self.push(
                Finding::new(Code::RegistryDecreeDate, format!("the decree of `{}` ({}) is dated before its request", sub.label, d.date))
                    .line(sub.lines.decree)
                    .help("check the decree date and the `requested` date"),
                sub,
            ),
            _ => {}
        }
    }

    /// An entry's history: it agrees with the entry's status and decree, and each step
    /// is an allowed transition, in order of time, with a decree where one is needed.
    pub(super) fn history(&mut self, sub: &Subdomain) {
        self.history_agrees(sub);
        self.history_steps(sub);
    }

    fn history_agrees(&mut self, sub: &Subdomain) {
        let Some(last) = sub.history.last() else {
            return;
        };
        if last.action != sub.status {
            self.push(
                Finding::new(
                    Code::RegistryHistoryMismatch,
                    format!("`{}` is {} but its history ends with {}", sub.label, sub.status.as_str(), last.action.as_str()),
                )
                .line(sub.lines.history)
                .help("use `laman domains ...` to change a status: it updates both; or fix the status by hand"),
                sub,
            );
        }
        if let (Some(decree), Status::Approved) = (&sub.decree, sub.status) {
            if let Some(n) = sub
                .history
                .iter()
                .rev()
                .find(|h| h.action == Status::Approved)
                .and_then(|h| h.decree.as_ref())
            {
                if *n != decree.number {
                    self.push(
                        Finding::new(Code::RegistryHistoryMismatch, format!("the decree of `{}` is {} but its last approval in history cites {n}", sub.label, decree.number))
                            .line(sub.lines.history),
                        sub,
                    );
                }
            }
        }
    }

    fn history_steps(&mut self, sub: &Subdomain) {
        // The first entry may be any action: a registry may start recording an entry's
        // history after its request; every later step must be a sensible transition.
        let mut previous: Option<(Status, Date)> = None;
        for h in &sub.history {
            if previous.is_some() && !transition_allowed(previous.map(|p| p.0), h.action) {
                let from = previous.map_or("nothing", |p| p.0.as_str());
                self.push(
                    Finding::new(
                        Code::RegistryHistoryTransition,
                        format!(
                            "`{}` goes from {from} to {} in its history",
                            sub.label,
                            h.action.as_str()
                        ),
                    )
                    .line(sub.lines.history)
                    .help(transitions_help()),
                    sub,
                );
            }
            if previous.is_some_and(|p| h.date < p.1) {
                self.push(
                    Finding::new(
                        Code::RegistryHistoryTransition,
                        format!(
                            "the history of `{}` goes back in time on {}",
                            sub.label, h.date
                        ),
                    )
                    .line(sub.lines.history),
                    sub,
                );
            }
            if matches!(h.action, Status::Approved | Status::Revoked)
                && h.decree.as_deref().is_none_or(|d| d.trim().is_empty())
            {
                self.push(
                    Finding::new(Code::RegistryDecreeMissing, format!("the {} of `{}` on {} cites no decree", h.action.as_str(), sub.label, h.date))
                        .line(sub.lines.history)
                        .help("approvals and revocations are made by decree: add decree = \"...\" to the history entry"),
                    sub,
                );
            }
            previous = Some((h.action, h.date));
        }
    }

    /// An approved site has its content folder.
    pub(super) fn content(&mut self, sub: &Subdomain, has_content: &dyn Fn(&str) -> bool) {
        if sub.status == Status::Approved && sub.kind == Kind::Site && !has_content(&sub.label) {
            self.push(
                Finding::new(Code::RegistryContentMissing, format!("`{}` is an approved site but content/{} does not exist", sub.label, sub.label))
                    .line(sub.line)
                    .help(format!("create content/{}/_index.md, or register it as kind = \"service\" if it is not built by laman", sub.label)),
                sub,
            );
        }
    }

    /// An entry is reviewed by its `review` date.
    pub(super) fn review(&mut self, sub: &Subdomain, today: Date) {
        if let Some(review) = sub.review.filter(|r| *r < today) {
            self.push(
                Finding::new(
                    Code::RegistryReviewOverdue,
                    format!("the review of `{}` was due on {review}", sub.label),
                )
                .line(sub.lines.review)
                .help("review the subdomain's use and set a new `review` date"),
                sub,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_help_is_written_from_the_table() {
        assert_eq!(
            transitions_help(),
            "allowed: requested → approved or rejected; approved → suspended or revoked; suspended → approved or revoked; revoked → requested; rejected → requested"
        );
        assert!(transition_allowed(None, Status::Requested));
        assert!(!transition_allowed(
            Some(Status::Requested),
            Status::Suspended
        ));
    }

    #[test]
    fn transitions() {
        use Status::*;
        assert!(transition_allowed(None, Requested));
        assert!(!transition_allowed(None, Approved));
        assert!(transition_allowed(Some(Suspended), Approved));
        assert!(!transition_allowed(Some(Revoked), Approved));
        assert!(transition_allowed(Some(Revoked), Requested));
        assert!(!transition_allowed(Some(Approved), Approved));
    }
}
