//! What a service page lacks of its standard: one `content.service.incomplete` finding
//! for the page, a line for each component not written. It reads nothing itself: the
//! page's components are read by the parent module.

use super::{component_of, Component, Group, Service, Table};
use crate::finding::{Code, Finding};
use crate::msg;
use serde_json::Value;

/// One finding for the components not written (or written empty), one line each: an
/// error when a delivery component is missing, which the law requires, a warning when
/// only management ones are.
pub(super) fn missing_components(table: &Table, service: &Service) -> Option<Finding> {
    let missing: Vec<&Component> = service
        .missing
        .iter()
        .map(|key| component_of(key).expect("missing keys come from COMPONENTS"))
        // A component written but unreadable already has its finding.
        .filter(|c| table.get(c.key).is_none_or(is_empty))
        .collect();
    if missing.is_empty() {
        return None;
    }
    let required = missing.iter().any(|c| c.group == Group::Delivery);
    let lines: Vec<String> = missing
        .iter()
        .map(|c| {
            let group = match c.group {
                Group::Delivery => "delivery",
                Group::Management => "management",
            };
            msg!(
                "service-component-line",
                key = c.key,
                title = c.title.to_lowercase(),
                group = group
            )
        })
        .collect();
    let f = Finding::new(
        Code::ContentServiceIncomplete,
        msg!(
            "service-components-missing",
            count = missing.len(),
            list = lines
                .iter()
                .map(|l| format!("  {l}"))
                .collect::<Vec<_>>()
                .join("\n")
        ),
    )
    .line(service.line);
    Some(if required {
        f.help(msg!("service-delivery-help"))
    } else {
        f.warning().help(msg!("service-management-help"))
    })
}

fn is_empty(value: &Value) -> bool {
    match value {
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}
