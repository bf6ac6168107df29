//! The change itself, made in the TOML document of `domains.toml`: an entry's keys
//! set and one history entry appended, each laid out as a person editing the file
//! would write it (toml_edit keeps comments, order and layout).
//!
//! Refuses an argument that breaks the registry's grammar. It must not read or write
//! the file, take the lock, or judge whether the step is allowed or the result valid:
//! [`super::apply`] does that before and after.

use super::values::{addresses, parse_date, records, toml_date, valid};
use super::Action;
use crate::finding::{Code, Finding};
use crate::registry::grammar::{decree_problem, email_problem, text_problem, NAME_MAX, TEXT_MAX};
use crate::registry::{Kind, Status};
use jiff::civil::Date;
use toml_edit::{value, Array, DocumentMut, InlineTable, Item, Table, Value};

/// Makes the change in the document; returns a summary for people.
pub(super) fn edit(
    doc: &mut DocumentMut,
    existing: Option<usize>,
    action: &Action,
    today: Date,
) -> Result<String, Finding> {
    let mut change = Change {
        entry: entry(doc, existing)?,
        history: InlineTable::new(),
        today,
    };
    let summary = match action {
        Action::Request {
            label,
            owner,
            contact,
            kind,
            purpose,
            date,
        } => change.request(
            label,
            owner,
            contact,
            *kind,
            purpose.as_deref(),
            date.as_deref(),
        )?,
        Action::Approve {
            label,
            decree,
            date,
            a,
            aaaa,
            cname,
            review,
        } => {
            let summary = change.approve(label, decree, date, a, aaaa, cname.as_deref())?;
            if let Some(review) = review {
                change.review(review)?;
            }
            summary
        }
        Action::Suspend {
            label,
            reason,
            decree,
            date,
        } => change.suspend(label, reason, decree.as_deref(), date.as_deref())?,
        Action::Reject { label, reason } => {
            change.suspend_or_reject(action.status(), label, reason)?
        }
        Action::Revoke {
            label,
            decree,
            date,
            reason,
        } => change.revoke(label, decree, date, reason)?,
    };
    let history = in_reading_order(&change.history, action.status());
    append_history(change.entry, history);
    Ok(summary)
}

/// The entry at `existing`, or a new one at the end of `[[subdomain]]` (a table made
/// here takes the position of the one before it, so it stays among the entries even
/// when other tables follow them). The first entry of a file goes under the file's
/// subdomain section comment ([`first_entry_position`]).
fn entry(doc: &mut DocumentMut, existing: Option<usize>) -> Result<&mut Table, Finding> {
    if doc.get("subdomain").is_none() {
        let first = first_entry_position(doc);
        let mut entries = toml_edit::ArrayOfTables::new();
        if let Some((position, comment)) = first {
            let mut table = Table::new();
            table.set_position(Some(position));
            table.decor_mut().set_prefix(comment);
            entries.push(table);
            doc.insert("subdomain", Item::ArrayOfTables(entries));
            let Some(Item::ArrayOfTables(entries)) = doc.get_mut("subdomain") else {
                unreachable!("just inserted");
            };
            return Ok(entries.get_mut(0).expect("just pushed"));
        }
        // A section comment that ends the file (as `laman init` writes it) is the
        // file's trailing text, printed after every table: it moves above the entry.
        let trailing = doc.trailing().as_str().unwrap_or("").to_string();
        if speaks_of_subdomains(&trailing) {
            let mut table = Table::new();
            table.decor_mut().set_prefix(trailing);
            doc.set_trailing("");
            entries.push(table);
            doc.insert("subdomain", Item::ArrayOfTables(entries));
            let Some(Item::ArrayOfTables(entries)) = doc.get_mut("subdomain") else {
                unreachable!("just inserted");
            };
            return Ok(entries.get_mut(0).expect("just pushed"));
        }
        doc.insert("subdomain", Item::ArrayOfTables(entries));
    }
    let Some(Item::ArrayOfTables(entries)) = doc.get_mut("subdomain") else {
        return Err(Finding::new(
            Code::RegistryParse,
            crate::msg!("edit-subdomain-array"),
        ));
    };
    let index = match existing {
        Some(i) => i,
        None => {
            let mut table = Table::new();
            table.decor_mut().set_prefix("\n");
            entries.push(table);
            entries.len() - 1
        }
    };
    Ok(entries.get_mut(index).expect("index of an entry"))
}

/// Where the first `[[subdomain]]` of a file goes: in place of the first table after
/// `[portal]` whose leading comment speaks of subdomains (`# ---- Subdomain perangkat
/// daerah ----`, as `laman init` writes it), which then follows the new entry; the
/// comment (up to its last blank line) moves with the entry. Tables from there on move
/// one place down. None: no such comment before a table (the entry goes at the end,
/// under a comment that ends the file, if any).
fn first_entry_position(doc: &mut DocumentMut) -> Option<(isize, String)> {
    let portal = doc.get("portal")?.as_table()?.position()?;
    let speaks = speaks_of_subdomains;
    let (key, position) = doc
        .iter()
        .filter_map(|(k, item)| {
            let table = match item {
                Item::Table(t) => t,
                Item::ArrayOfTables(a) => a.get(0)?,
                _ => return None,
            };
            let position = table.position()?;
            let prefix = table.decor().prefix()?.as_str()?;
            (position > portal && speaks(prefix)).then(|| (k.to_string(), position))
        })
        .min_by_key(|(_, p)| *p)?;
    // Everything from that table on moves one place down.
    for (_, item) in doc.iter_mut() {
        shift(item, position);
    }
    let table = match doc.get_mut(&key)? {
        Item::Table(t) => t,
        Item::ArrayOfTables(a) => a.get_mut(0)?,
        _ => return None,
    };
    let prefix = table.decor().prefix()?.as_str()?.to_string();
    let (ours, theirs) = match prefix.trim_end().rfind("\n\n") {
        Some(cut) if speaks(&prefix[cut..]) => (prefix.clone(), "\n".to_string()),
        Some(cut) => (prefix[..cut + 1].to_string(), prefix[cut + 1..].to_string()),
        None => (prefix.clone(), "\n".to_string()),
    };
    table.decor_mut().set_prefix(theirs);
    Some((position, ours))
}

/// Whether a comment block speaks of subdomains (`# ---- Subdomain perangkat daerah`).
fn speaks_of_subdomains(text: &str) -> bool {
    text.lines()
        .any(|l| l.trim_start().starts_with('#') && l.to_lowercase().contains("subdomain"))
}

/// Moves every table at or after `from` one place down.
fn shift(item: &mut Item, from: isize) {
    let tables: Vec<&mut Table> = match item {
        Item::Table(t) => vec![t],
        Item::ArrayOfTables(a) => a.iter_mut().collect(),
        _ => return,
    };
    for t in tables {
        if let Some(p) = t.position().filter(|p| *p >= from) {
            t.set_position(Some(p + 1));
        }
        for (_, nested) in t.iter_mut() {
            shift(nested, from);
        }
    }
}

/// One entry being changed, and the history entry that records the change.
struct Change<'e> {
    entry: &'e mut Table,
    history: InlineTable,
    today: Date,
}

impl Change<'_> {
    fn request(
        &mut self,
        label: &str,
        owner: &str,
        contact: &str,
        kind: Kind,
        purpose: Option<&str>,
        date: Option<&str>,
    ) -> Result<String, Finding> {
        valid("owner", text_problem(owner, NAME_MAX))?;
        let date = self.past_date(date)?;
        valid("contact", email_problem(contact))?;
        if let Some(p) = purpose {
            valid("purpose", text_problem(p, TEXT_MAX))?;
        }
        let entry = &mut *self.entry;
        set(entry, "label", label);
        set(entry, "owner", owner);
        set(entry, "kind", kind.as_str());
        set(entry, "status", "requested");
        set(entry, "contact", contact);
        if let Some(p) = purpose {
            set(entry, "purpose", p);
        }
        set(entry, "requested", toml_date(date));
        // A new request starts a new use: the old approval stays in history only.
        entry.remove("decree");
        self.history.insert("date", toml_date(date));
        Ok(crate::msg!(
            "edit-done-requested",
            label = label,
            owner = owner
        ))
    }

    fn approve(
        &mut self,
        label: &str,
        decree: &str,
        date: &str,
        a: &[String],
        aaaa: &[String],
        cname: Option<&str>,
    ) -> Result<String, Finding> {
        valid("decree", decree_problem(decree))?;
        let date = parse_date(date)?;
        addresses(a, aaaa)?;
        set(self.entry, "status", "approved");
        let mut d = InlineTable::new();
        d.insert("number", Value::from(decree));
        d.insert("date", toml_date(date));
        set(self.entry, "decree", d);
        if let Some(r) = records(a, aaaa, cname) {
            set(self.entry, "records", r);
        }
        self.history.insert("date", toml_date(date));
        self.history.insert("decree", Value::from(decree));
        Ok(crate::msg!(
            "edit-done-approved",
            label = label,
            decree = decree,
            date = date.to_string()
        ))
    }

    /// `approve --review`: when the Dinas looks at the subdomain again.
    fn review(&mut self, review: &str) -> Result<(), Finding> {
        let review = parse_date(review)?;
        set(self.entry, "review", toml_date(review));
        Ok(())
    }

    /// `suspend`: with a decree and its date when the Dinas has one, else on `date` or
    /// today.
    fn suspend(
        &mut self,
        label: &str,
        reason: &str,
        decree: Option<&str>,
        date: Option<&str>,
    ) -> Result<String, Finding> {
        valid("reason", text_problem(reason, TEXT_MAX))?;
        if let Some(d) = decree {
            valid("decree", decree_problem(d))?;
        }
        let date = self.past_date(date)?;
        set(self.entry, "status", Status::Suspended.as_str());
        self.history.insert("date", toml_date(date));
        if let Some(d) = decree {
            self.history.insert("decree", Value::from(d));
        }
        self.history.insert("reason", Value::from(reason));
        Ok(match decree {
            Some(d) => crate::msg!(
                "edit-done-suspended-decree",
                label = label,
                decree = d,
                date = date.to_string()
            ),
            None => crate::msg!(
                "edit-done-status",
                status = Status::Suspended.as_str(),
                word = Status::Suspended.word(),
                label = label
            ),
        })
    }

    /// A date given for a step (today when none), never in the future.
    fn past_date(&self, date: Option<&str>) -> Result<Date, Finding> {
        let Some(text) = date else {
            return Ok(self.today);
        };
        let date = parse_date(text)?;
        if date > self.today {
            return Err(Finding::new(
                Code::RegistryEditValue,
                crate::msg!("edit-date-future", date = date.to_string()),
            )
            .help(crate::msg!("edit-date-future-help")));
        }
        Ok(date)
    }

    fn suspend_or_reject(
        &mut self,
        status: Status,
        label: &str,
        reason: &str,
    ) -> Result<String, Finding> {
        valid("reason", text_problem(reason, TEXT_MAX))?;
        set(self.entry, "status", status.as_str());
        self.history.insert("date", toml_date(self.today));
        self.history.insert("reason", Value::from(reason));
        Ok(crate::msg!(
            "edit-done-status",
            status = status.as_str(),
            word = status.word(),
            label = label
        ))
    }

    fn revoke(
        &mut self,
        label: &str,
        decree: &str,
        date: &str,
        reason: &str,
    ) -> Result<String, Finding> {
        valid("decree", decree_problem(decree))?;
        valid("reason", text_problem(reason, TEXT_MAX))?;
        let date = parse_date(date)?;
        set(self.entry, "status", "revoked");
        self.history.insert("date", toml_date(date));
        self.history.insert("decree", Value::from(decree));
        self.history.insert("reason", Value::from(reason));
        Ok(crate::msg!(
            "edit-done-revoked",
            label = label,
            decree = decree,
            date = date.to_string()
        ))
    }
}

/// The history entry with its keys in the order people read: date, action, then the
/// rest.
fn in_reading_order(history: &InlineTable, action: Status) -> InlineTable {
    let mut ordered = InlineTable::new();
    if let Some(d) = history.get("date") {
        ordered.insert("date", d.clone());
    }
    ordered.insert("action", Value::from(action.as_str()));
    for (k, v) in history.iter().filter(|(k, _)| *k != "date") {
        ordered.insert(k, v.clone());
    }
    ordered
}

/// Sets `key` of an entry to `new`, as a person editing the file would: an existing
/// value is replaced in place with the comment after it kept; a new key goes before
/// `history`, where the other entries have their keys, not after it.
fn set(entry: &mut Table, key: &str, new: impl Into<Value>) {
    let mut new = new.into();
    if let Some(old) = entry.get_mut(key).and_then(Item::as_value_mut) {
        *new.decor_mut() = old.decor().clone();
        *old = new;
        return;
    }
    let history = entry.remove_entry("history");
    entry.insert(key, Item::Value(new));
    if let Some((history_key, item)) = history {
        entry.insert_formatted(&history_key, item);
    }
}

/// Appends to the entry's `history` array, laid out like the entries already there.
fn append_history(entry: &mut Table, item: InlineTable) {
    let array = match entry.get_mut("history").and_then(Item::as_array_mut) {
        Some(a) => a,
        None => {
            entry["history"] = value(Array::new());
            entry["history"].as_array_mut().expect("just inserted")
        }
    };
    let mut new = Value::InlineTable(item);
    let prefix = array
        .iter()
        .last()
        .and_then(|v| v.decor().prefix())
        .and_then(|p| p.as_str())
        .map(str::to_string);
    match prefix {
        Some(p) if array.len() > 1 || p.contains('\n') => new.decor_mut().set_prefix(p),
        _ => new.decor_mut().set_prefix(" "),
    }
    new.decor_mut().set_suffix(" ");
    if let Some(last) = array.iter_mut().last() {
        last.decor_mut().set_suffix("");
    }
    array.push_formatted(new);
}
