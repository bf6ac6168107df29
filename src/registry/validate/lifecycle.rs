//! An entry's life: its decree, a history whose steps follow the one table of allowed
//! transitions (which `laman domains` edits obey as well), its review date, and the
//! content folder an approved site needs.
//!
//! Reads statuses, dates and decree numbers; it must not judge the grammar of a decree
//! number (that is [`super::fields`]) or anything of names and records.

use super::Validator;
use crate::finding::{Code, Finding};
use crate::msg;
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
    let or = format!(" {} ", msg!("word-or"));
    let steps: Vec<String> = TRANSITIONS
        .iter()
        .filter_map(|(from, tos)| {
            // Words of the run's language: status words in Indonesian messages are
            // Indonesian (`diajukan → disetujui`); domains.toml keeps its codes.
            let names: Vec<String> = tos.iter().map(|t| t.word()).collect();
            from.map(|f| format!("{} → {}", f.word(), names.join(&or)))
        })
        .collect();
    msg!("transitions-help", steps = steps.join("; "))
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
                Finding::new(
                    Code::RegistryDecreeMissing,
                    msg!(
                        "decree-missing",
                        label = sub.label.as_str(),
                        status = sub.status.word()
                    ),
                )
                .line(sub.line)
                .help(msg!("decree-missing-help")),
                sub,
            ),
            Some(d) if d.number.trim().is_empty() => self.push(
                Finding::new(
                    Code::RegistryDecreeMissing,
                    msg!("decree-no-number", label = sub.label.as_str()),
                )
                .line(sub.lines.decree),
                sub,
            ),
            Some(d) if d.date > today => self.push(
                Finding::new(
                    Code::RegistryDecreeDate,
                    msg!(
                        "decree-future",
                        label = sub.label.as_str(),
                        date = d.date.to_string()
                    ),
                )
                .line(sub.lines.decree)
                .help(msg!("decree-future-help")),
                sub,
            ),
            Some(d) if sub.requested.is_some_and(|r| d.date < r) => self.push(
                Finding::new(
                    Code::RegistryDecreeDate,
                    msg!(
                        "decree-before-request",
                        label = sub.label.as_str(),
                        date = d.date.to_string()
                    ),
                )
                .line(sub.lines.decree)
                .help(msg!("decree-before-request-help")),
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
                    msg!(
                        "history-mismatch",
                        label = sub.label.as_str(),
                        status = sub.status.word(),
                        last = last.action.word()
                    ),
                )
                .line(sub.lines.history)
                .help(msg!("history-mismatch-help")),
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
                        Finding::new(
                            Code::RegistryHistoryMismatch,
                            msg!(
                                "history-decree",
                                label = sub.label.as_str(),
                                decree = decree.number.as_str(),
                                cited = n.as_str()
                            ),
                        )
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
                let from = previous.map_or_else(|| msg!("history-nothing"), |p| p.0.word());
                self.push(
                    Finding::new(
                        Code::RegistryHistoryTransition,
                        msg!(
                            "history-transition",
                            label = sub.label.as_str(),
                            from = from,
                            to = h.action.word()
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
                        msg!(
                            "history-backwards",
                            label = sub.label.as_str(),
                            date = h.date.to_string()
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
                    Finding::new(
                        Code::RegistryDecreeMissing,
                        msg!(
                            "history-no-decree",
                            action = h.action.as_str(),
                            label = sub.label.as_str(),
                            date = h.date.to_string()
                        ),
                    )
                    .line(sub.lines.history)
                    .help(msg!("history-no-decree-help")),
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
                Finding::new(
                    Code::RegistryContentMissing,
                    msg!("registry-content-missing", label = sub.label.as_str()),
                )
                .line(sub.line)
                .help(msg!(
                    "registry-content-missing-help",
                    label = sub.label.as_str()
                )),
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
                    msg!(
                        "review-overdue",
                        label = sub.label.as_str(),
                        date = review.to_string()
                    ),
                )
                .line(sub.lines.review)
                .help(msg!("review-overdue-help")),
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
